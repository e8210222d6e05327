package io.consentledger.app.imports;

import io.consentledger.api.ValueFreeFailure;
import org.axonframework.config.ConfigurerModule;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The imports' processor: a chunk that fails is tried again, never skipped. */
@Configuration(proxyBeanMethods = false)
class ImportConfiguration {

    /**
     * Axon would log a failed chunk and go on with the next event, leaving the import stopped half-way; propagated,
     * the chunk's transaction rolls back and the processor tries it again (with Axon's back-off). The failure goes on
     * without its message, which may quote a row.
     */
    @Bean
    ConfigurerModule failedChunksAreRetried() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        ImportChunks.PROCESSING_GROUP, config -> (exception, event, listener) -> {
                            throw ValueFreeFailure.of(exception);
                        });
    }
}
