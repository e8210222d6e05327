package io.consentledger.command.imports;

import io.consentledger.api.StreamIds;
import io.consentledger.command.LatestStateRepository;
import io.consentledger.command.RecordTargetResolver;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The repository of {@link ImportRun}: cached, so that a long import does not replay its chunks for every chunk, and
 * brought up to the stream's latest state on every load, as any node may take the run over.
 */
@Configuration(proxyBeanMethods = false)
class ImportRunConfiguration {

    /** How an import's run finds the target of a command: its stream is {@code import/<id>}. */
    @Bean
    CommandTargetResolver importTargetResolver() {
        return new RecordTargetResolver(StreamIds.IMPORT);
    }

    @Bean
    EventSourcingRepository<ImportRun> importRunRepository(
            EventStore eventStore,
            ParameterResolverFactory parameterResolverFactory,
            HandlerDefinition handlerDefinition) {
        Cache cache = new WeakReferenceCache();
        return LatestStateRepository.builder(ImportRun.class)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .eventStore(eventStore)
                .cache(cache)
                .build();
    }
}
