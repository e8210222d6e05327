package io.consentledger.app;

import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import io.consentledger.app.web.StrictJson;
import java.time.Instant;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Jackson settings beyond application.yml: instants only as ISO-8601 text with an offset, Blackbird, and
 * {@link StrictJson} for request bodies only (not for the ObjectMapper Axon serializes events, sagas and tokens with).
 */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** Generated accessors instead of reflection for every (de)serialized property. */
    @Bean
    BlackbirdModule blackbirdModule() {
        return new BlackbirdModule();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictInstants() {
        return builder -> builder.modulesToInstall(modules -> modules.add(new SimpleModule("strict-instants")
                .addDeserializer(Instant.class, new StrictJson.IsoInstantDeserializer())));
    }

    /**
     * Request and response bodies of Spring MVC, with the service's Jackson settings made strict for reading (see
     * {@link StrictJson#strict}); replaces the converter Spring Boot would make from the general ObjectMapper.
     */
    @Bean
    MappingJackson2HttpMessageConverter mappingJackson2HttpMessageConverter(Jackson2ObjectMapperBuilder builder) {
        return new MappingJackson2HttpMessageConverter(StrictJson.strict(builder.build()));
    }
}
