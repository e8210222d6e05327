package io.consentledger.app.amqp;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Publishing the change feed to RabbitMQ; the broker itself is {@code spring.rabbitmq.*}.
 *
 * @param enabled whether this node publishes (and connects to a broker at all); off by default
 * @param exchange the durable topic exchange the changes go to, declared by the service
 * @param confirmTimeout how long a batch waits for the broker's confirms before it counts as failed and is published
 *     again
 * @param batchSize changes published, and then confirmed, together before the processor moves its token
 * @param initialPosition where the publisher starts when it has no token yet (its first start, or after an operator
 *     deleted its token): {@code head} (only changes recorded from then on), {@code tail} (the whole history) or a
 *     position (the first change published is the one at that position or the next after it)
 */
@ConfigurationProperties("consent.amqp")
public record AmqpSettings(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("consent-ledger.changes") String exchange,
        @DefaultValue("10s") Duration confirmTimeout,
        @DefaultValue("100") int batchSize,
        @DefaultValue(HEAD) String initialPosition) {

    static final String ENABLED = "consent.amqp.enabled";
    static final String HEAD = "head";
    static final String TAIL = "tail";

    public AmqpSettings {
        if (exchange == null || exchange.isBlank()) {
            throw new IllegalArgumentException("consent.amqp.exchange must name an exchange");
        }
        if (confirmTimeout == null || confirmTimeout.isNegative() || confirmTimeout.isZero()) {
            throw new IllegalArgumentException("consent.amqp.confirm-timeout must be positive");
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("consent.amqp.batch-size must be at least 1");
        }
        if (!HEAD.equals(initialPosition) && !TAIL.equals(initialPosition) && !isPosition(initialPosition)) {
            throw new IllegalArgumentException(
                    "consent.amqp.initial-position must be head, tail or a position (a number from 0)");
        }
    }

    private static boolean isPosition(String value) {
        return value != null && value.matches("\\d{1,18}");
    }
}
