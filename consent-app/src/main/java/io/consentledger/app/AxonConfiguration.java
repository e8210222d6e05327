package io.consentledger.app;

import io.consentledger.api.LedgerMetadata;
import java.time.Clock;
import java.util.List;
import javax.sql.DataSource;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.axonframework.serialization.Serializer;
import org.axonframework.springboot.TokenStoreProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizers;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/** Axon wiring shared by both sides: which command metadata every event inherits, and the clock. */
@Configuration(proxyBeanMethods = false)
class AxonConfiguration {

    /**
     * A unique-key violation (SQL state 23505 on H2 and PostgreSQL) on append means the aggregate exists already or
     * was changed concurrently; Axon's default resolver misses it in a batch insert on H2.
     */
    @Bean
    PersistenceExceptionResolver persistenceExceptionResolver() {
        return new SQLStateResolver("23505");
    }

    /**
     * Axon's JDBC token store, as auto-configured, but with a node id that can be set ({@code consent.node-id}): nodes
     * sharing a database must have different ones to share the projections' segments. Defaults to pid@host.
     */
    @Bean
    TokenStore tokenStore(
            ConnectionProvider connectionProvider,
            Serializer serializer,
            TokenStoreProperties properties,
            @Value("${consent.node-id:#{null}}") String nodeId) {
        JdbcTokenStore.Builder builder = JdbcTokenStore.builder()
                .connectionProvider(connectionProvider)
                .serializer(serializer)
                .schema(new TokenSchema())
                .claimTimeout(properties.getClaimTimeout());
        if (nodeId != null && !nodeId.isBlank()) {
            builder.nodeId(nodeId);
        }
        return builder.build();
    }

    /**
     * Spring Boot's JDBC transaction manager (which Axon's transactions run on), with a commit whose outcome is unknown
     * told apart from one that failed.
     */
    @Bean
    PlatformTransactionManager transactionManager(
            DataSource dataSource, ObjectProvider<TransactionManagerCustomizers> customizers) {
        CommitAwareTransactionManager transactionManager = new CommitAwareTransactionManager(dataSource);
        customizers.ifAvailable(customizer -> customizer.customize(transactionManager));
        return transactionManager;
    }

    /**
     * Axon's JDBC storage engine, as auto-configured (which stands back once the event store below is defined here).
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EventStorageEngine eventStorageEngine(
            Serializer defaultSerializer,
            PersistenceExceptionResolver persistenceExceptionResolver,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            org.axonframework.config.Configuration configuration,
            ConnectionProvider connectionProvider,
            TransactionManager transactionManager) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(defaultSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(eventSerializer)
                .snapshotFilter(configuration.snapshotFilter())
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(new EventSchema())
                .build();
    }

    /**
     * Axon's embedded event store, as auto-configured, but looking for other nodes' events every
     * {@code consent.event-store.poll-interval} instead of every second. Not with Axon Server, which pushes events.
     */
    @Bean
    @ConditionalOnProperty(name = "axon.axonserver.enabled", havingValue = "false")
    EmbeddedEventStore eventStore(
            EventStorageEngine storageEngine,
            org.axonframework.config.Configuration configuration,
            EventStoreSettings settings) {
        return EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class))
                .fetchDelay(settings.pollInterval().toMillis())
                .build();
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    /** The correlation id and trace id of the command that caused an event. */
    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    /**
     * Deadline handlers (email retries, lapsing consents) pass their deadline's metadata on to the events they cause,
     * as command and event handlers do; Axon registers no correlation on the deadline manager by itself.
     */
    @Bean
    SmartInitializingSingleton deadlineCorrelation(DeadlineManager deadlines, List<CorrelationDataProvider> providers) {
        return () -> deadlines.registerHandlerInterceptor(new CorrelationDataInterceptor<>(providers));
    }

    /**
     * Who caused an event, through which channel and, for a person's act through a staff member's link, who issued
     * it; set by the server on every command, never by the client.
     */
    @Bean
    CorrelationDataProvider actorCorrelationProvider() {
        return new SimpleCorrelationDataProvider(List.of(
                        LedgerMetadata.ACTOR,
                        LedgerMetadata.ACTOR_ROLE,
                        LedgerMetadata.CHANNEL,
                        LedgerMetadata.LINK_ISSUED_BY,
                        LedgerMetadata.LINK_ISSUER_ROLE)
                .toArray(String[]::new));
    }
}
