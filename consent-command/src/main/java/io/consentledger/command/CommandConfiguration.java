package io.consentledger.command;

import io.consentledger.api.StreamIds;
import io.consentledger.command.catalog.CatalogUpdater;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.EhCache3Adapter;
import org.axonframework.common.caching.NoCache;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.core.Ehcache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command side's Axon settings: a gateway that retries concurrency conflicts, and the aggregate cache. */
@Configuration(proxyBeanMethods = false)
class CommandConfiguration {

    /** How a contact's ledger finds the target of a command: the contact id is the stream. */
    @Bean
    CommandTargetResolver contactTargetResolver() {
        return new RecordTargetResolver("");
    }

    /** How a purpose finds the target of a command: its stream is {@code purpose/<id>}. */
    @Bean
    CommandTargetResolver purposeTargetResolver() {
        return new RecordTargetResolver(StreamIds.PURPOSE);
    }

    /** How a source finds the target of a command: its stream is {@code source/<id>}. */
    @Bean
    CommandTargetResolver sourceTargetResolver() {
        return new RecordTargetResolver(StreamIds.SOURCE);
    }

    /** How a legal basis's name finds the target of a command: its stream is {@code legal-basis/<CODE>}. */
    @Bean
    CommandTargetResolver legalBasisTargetResolver() {
        return new RecordTargetResolver(StreamIds.LEGAL_BASIS);
    }

    /** The cache of loaded {@code ContactLedger} aggregates, named in its {@code @Aggregate} annotation. */
    @Bean
    Cache contactLedgerCache(CommandSettings settings, CacheManager aggregateCacheManager) {
        if (settings.cacheAggregates() <= 0) {
            return NoCache.INSTANCE;
        }
        org.ehcache.Cache<Object, Object> cache = aggregateCacheManager.createCache(
                "contact-ledgers",
                CacheConfigurationBuilder.newCacheConfigurationBuilder(
                        Object.class, Object.class, ResourcePoolsBuilder.heap(settings.cacheAggregates())));
        return new EhCache3Adapter((Ehcache<Object, Object>) cache);
    }

    /** An on-heap Ehcache: entries are kept by reference, bounded by count, evicted least recently used. */
    @Bean(destroyMethod = "close")
    CacheManager aggregateCacheManager() {
        return CacheManagerBuilder.newCacheManagerBuilder().build(true);
    }

    /**
     * The lookup tables are written in the command's transaction by a subscribing processor, whose handler errors Axon
     * only logs by default: then a command whose row cannot be written (PostgreSQL refuses U+0000 in text) was
     * answered 2xx while the failed statement had doomed the whole transaction. Propagated, the error fails the
     * command and nothing is stored.
     */
    @Bean
    ConfigurerModule lookupTableFailuresFailTheCommand() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        CatalogUpdater.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }

    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService commandRetryExecutor() {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Two nodes may append to the same contact at once; the loser gets a transient concurrency error, and a retry
     * re-reads the contact and re-checks the rules.
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        return DefaultCommandGateway.builder()
                .commandBus(commandBus)
                .retryScheduler(new ConcurrencyRetry(commandRetryExecutor, 25, 3))
                .build();
    }
}
