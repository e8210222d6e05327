package io.consentledger.app.privacy;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Puts crypto-shredding around the event serializer Axon configures from {@code axon.serializer.events}, and makes a
 * failure to delete an erased contact's key fail the erasure.
 */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    static final String EVENT_SERIALIZER = "eventSerializer";

    @Bean
    static BeanPostProcessor shreddingEventSerializer(ObjectProvider<ContactKeys> keys) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (EVENT_SERIALIZER.equals(name) && bean instanceof JacksonSerializer jackson) {
                    return new PersonalDataSerializer(jackson, keys::getObject);
                }
                return bean;
            }
        };
    }

    /**
     * An erased contact's key is deleted in the erasure's transaction by a subscribing processor, whose handler
     * errors Axon only logs by default: an erasure could be acknowledged with the key still in place. Propagated, the
     * error fails the erasure and nothing is stored.
     */
    @Bean
    ConfigurerModule keyDeletionFailuresFailTheErasure() {
        return configurer -> configurer
                .eventProcessing()
                .registerListenerInvocationErrorHandler(
                        ContactKeyEraser.PROCESSING_GROUP, config -> PropagatingErrorHandler.instance());
    }
}
