package io.consentledger.app.privacy;

import org.axonframework.serialization.json.JacksonSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts crypto-shredding around the event serializer Axon configures from {@code axon.serializer.events}. */
@Configuration(proxyBeanMethods = false)
class PrivacyConfiguration {

    static final String EVENT_SERIALIZER = "eventSerializer";

    @Bean
    static BeanPostProcessor shreddingEventSerializer(ObjectProvider<ContactKeys> keys) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (EVENT_SERIALIZER.equals(name) && bean instanceof JacksonSerializer jackson) {
                    return new ShreddingSerializer(jackson, keys::getObject);
                }
                return bean;
            }
        };
    }
}
