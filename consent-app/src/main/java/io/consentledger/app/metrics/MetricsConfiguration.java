package io.consentledger.app.metrics;

import io.consentledger.query.projection.DeadLetters;
import io.consentledger.query.projection.ProjectionSync;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.config.EventProcessingConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The operators' metrics: a message monitor on the command bus (Axon's hook for it) and the gauges. Per-request
 * observations stay off ({@code management.observations.enable.all}); nothing here runs per event.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

    @Bean
    CommandMetrics commandMetrics(MeterRegistry registry) {
        return new CommandMetrics(registry);
    }

    @Bean
    ConfigurerModule commandBusMonitor(CommandMetrics commandMetrics) {
        return configurer -> configurer.configureMessageMonitor(CommandBus.class, config -> commandMetrics);
    }

    @Bean
    LedgerGauges ledgerGauges(
            MeterRegistry registry,
            EventProcessingConfiguration processing,
            ProjectionSync sync,
            DeadLetters deadLetters,
            JdbcClient jdbc,
            Clock clock) {
        return new LedgerGauges(registry, new ProcessorLag(processing, sync, jdbc, clock), deadLetters, jdbc);
    }
}
