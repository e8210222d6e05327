package io.consentledger.app.amqp;

import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.actuate.amqp.RabbitHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;

/**
 * Reports whether RabbitMQ takes connections, as {@code UP} or {@code DEGRADED}, never {@code DOWN} (Spring Boot's
 * {@code rabbit} indicator, which would, is off): while the broker is away the ledger records and answers as before,
 * and the changes wait in the event store until the publisher can send them, so a broker outage must not take the node
 * out of a load balancer.
 */
class AmqpHealth implements HealthIndicator {

    static final Status DEGRADED =
            new Status("DEGRADED", "The service answers; changes wait to be published to RabbitMQ");

    private final RabbitHealthIndicator broker;
    private final String exchange;

    AmqpHealth(RabbitTemplate template, AmqpSettings settings) {
        this.broker = new RabbitHealthIndicator(template);
        this.exchange = settings.exchange();
    }

    @Override
    public Health health() {
        Health health = broker.health();
        Health.Builder builder = Status.UP.equals(health.getStatus()) ? Health.up() : Health.status(DEGRADED);
        return builder.withDetails(health.getDetails())
                .withDetail("exchange", exchange)
                .build();
    }
}
