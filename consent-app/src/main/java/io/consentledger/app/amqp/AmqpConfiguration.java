package io.consentledger.app.amqp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.query.feed.ChangeFeedSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.autoconfigure.amqp.RabbitTemplateConfigurer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * RabbitMQ publishing, only with {@code consent.amqp.enabled=true} (and only then Spring Boot's RabbitMQ
 * auto-configuration, see {@link AmqpSwitch}): the exchange, a template with mandatory publishing and correlated
 * confirms, the {@code amqp-publisher} processor and the {@code amqp} health component.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = AmqpSettings.ENABLED, havingValue = "true")
class AmqpConfiguration {

    static final String UNROUTABLE = "consent.amqp.unroutable";

    /** Durable, not auto-deleted; declared by Spring's RabbitAdmin on every (re)connection. */
    @Bean
    TopicExchange changesExchange(AmqpSettings settings) {
        return new TopicExchange(settings.exchange(), true, false);
    }

    /**
     * The template the changes are published with: Spring Boot's settings ({@code spring.rabbitmq.template.*}), always
     * mandatory, so that a message no binding routes is returned and counted instead of vanishing unseen. Refuses to
     * start without correlated publisher confirms: without them a batch could not know that the broker has its
     * messages.
     */
    @Bean
    RabbitTemplate rabbitTemplate(
            RabbitTemplateConfigurer configurer, ConnectionFactory connectionFactory, MeterRegistry registry) {
        if (!connectionFactory.isPublisherConfirms() || !connectionFactory.isPublisherReturns()) {
            throw new IllegalStateException("Publishing to RabbitMQ needs spring.rabbitmq.publisher-confirm-type="
                    + "correlated and spring.rabbitmq.publisher-returns=true (the defaults in application.yml)");
        }
        RabbitTemplate template = new RabbitTemplate();
        configurer.configure(template, connectionFactory);
        template.setMandatory(true);
        Counter unroutable = Counter.builder(UNROUTABLE)
                .description("Changes the broker took but no binding of the exchange routed to any queue")
                .register(registry);
        template.setReturnsCallback(returned -> unroutable.increment());
        return template;
    }

    @Bean
    ChangePublisher changePublisher(RabbitTemplate rabbitTemplate, ObjectMapper objectMapper, AmqpSettings settings) {
        return new ChangePublisher(rabbitTemplate, objectMapper, settings);
    }

    /**
     * The publisher's processor: tracking, on the change feed ({@link ChangeFeedSource}), one segment (one node
     * publishes, in the feed's order; the others stand by on the token claim), its batch size, where it starts without a
     * token, and handler errors propagated, so that a failed publish rolls back the batch and is retried instead of
     * being logged and skipped (Axon's default for handler errors).
     */
    @Bean
    ConfigurerModule amqpPublisherProcessor(AmqpSettings settings, ChangeFeedSource feed) {
        return configurer -> configurer
                .eventProcessing()
                .registerTrackingEventProcessor(
                        ChangePublisher.PROCESSING_GROUP,
                        config -> feed,
                        config -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andInitialSegmentsCount(1)
                                .andBatchSize(settings.batchSize())
                                .andInitialTrackingToken(source -> initialToken(source, settings.initialPosition())))
                .registerListenerInvocationErrorHandler(
                        ChangePublisher.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }

    @Bean
    HealthIndicator amqpHealthIndicator(RabbitTemplate rabbitTemplate, AmqpSettings settings) {
        return new AmqpHealth(rabbitTemplate, settings);
    }

    /** The token a publisher without one starts from: the feed's head, its start, or just before a position. */
    static TrackingToken initialToken(StreamableMessageSource<TrackedEventMessage<?>> source, String initialPosition) {
        if (AmqpSettings.HEAD.equals(initialPosition)) {
            return source.createHeadToken();
        }
        if (AmqpSettings.TAIL.equals(initialPosition)) {
            return source.createTailToken();
        }
        return ChangeFeedSource.tokenAt(Long.parseLong(initialPosition) - 1);
    }
}
