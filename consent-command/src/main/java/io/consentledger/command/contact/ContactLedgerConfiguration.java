package io.consentledger.command.contact;

import io.consentledger.command.LatestStateRepository;
import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The repository of {@link ContactLedger}: cached, and brought up to the stream's latest state on every load. */
@Configuration(proxyBeanMethods = false)
class ContactLedgerConfiguration {

    /**
     * Named in {@code @Aggregate(repository = ...)}. Built with Axon's parameter resolvers and handler definition, so
     * that handlers get their Spring beans (catalog, clock, deadline manager…) as with the default repository.
     */
    @Bean
    EventSourcingRepository<ContactLedger> contactLedgerRepository(
            EventStore eventStore,
            Cache contactLedgerCache,
            ParameterResolverFactory parameterResolverFactory,
            HandlerDefinition handlerDefinition) {
        return LatestStateRepository.builder(ContactLedger.class)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .eventStore(eventStore)
                .cache(contactLedgerCache)
                .build();
    }
}
