package io.consentledger.query.projection;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.serialization.Serializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;

/**
 * Axon's dead-letter queue for every projection: an event a projection cannot process is stored in
 * {@code DeadLetterEntry} (sequenced per contact, i.e. per aggregate, the processors' sequencing policy) and blocks
 * only its own contact's later events, never the others'. See {@link DeadLetters} for looking at them and retrying.
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    ConfigurerModule projectionDeadLetterQueues(
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager,
            PlatformTransactionManager platformTransactionManager,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            Serializer serializer) {
        // With an outer transaction this makes a savepoint instead of joining it: a dead letter that fails again
        // during a retry undoes its own work only, and the letters retried before it in the same run stay processed.
        TransactionManager savepoints = new SpringTransactionManager(
                platformTransactionManager, new DefaultTransactionDefinition(TransactionDefinition.PROPAGATION_NESTED));
        return configurer -> {
            EventProcessingConfigurer processing = configurer.eventProcessing();
            for (String projection : ReadModels.ALL) {
                processing
                        .registerDeadLetterQueue(
                                projection,
                                config -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                                        .processingGroup(projection)
                                        .connectionProvider(connectionProvider)
                                        .transactionManager(transactionManager)
                                        .genericSerializer(serializer)
                                        .eventSerializer(eventSerializer)
                                        .build())
                        .registerDeadLetterPolicy(projection, config -> new ProjectionDeadLetterPolicy())
                        // A rebuild clears the projection's dead letters: it processes every event again, and those
                        // that still fail are dead-lettered anew.
                        .registerDeadLetteringEventHandlerInvokerConfiguration(
                                projection,
                                (config, builder) -> builder.allowReset(true).enableSequenceIdentifierCache())
                        .registerTransactionManager(projection, config -> savepoints);
            }
        };
    }
}
