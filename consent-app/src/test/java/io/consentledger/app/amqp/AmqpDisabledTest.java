package io.consentledger.app.amqp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import org.axonframework.config.EventProcessingConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * With {@code consent.amqp.enabled} unset (the default, as in the shared test context, whose spring.rabbitmq.* points
 * where no broker listens) nothing of RabbitMQ is there: no connection factory that could connect, no publisher, no
 * health component, and the service is healthy.
 */
class AmqpDisabledTest extends LedgerTest {

    @Autowired
    private ApplicationContext context;

    @Autowired
    private EventProcessingConfiguration processing;

    @Test
    void withoutAmqpTheServiceHasNoBrokerConnectionNoPublisherAndStaysHealthy() {
        assertThat(context.getBeanNamesForType(ConnectionFactory.class)).isEmpty();
        assertThat(context.getBeanNamesForType(RabbitTemplate.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ChangePublisher.class)).isEmpty();
        assertThat(processing.eventProcessor(ChangePublisher.PROCESSING_GROUP)).isEmpty();

        Api.Response health = api.get(null, "/actuator/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        JsonNode body = health.json();
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/components/amqp").isMissingNode()).isTrue();
        assertThat(body.at("/components/rabbit").isMissingNode()).isTrue();
        assertThat(api.get(Api.METRICS, "/actuator/prometheus").body())
                .doesNotContain("amqp-publisher")
                .doesNotContain("rabbitmq_");
    }
}
