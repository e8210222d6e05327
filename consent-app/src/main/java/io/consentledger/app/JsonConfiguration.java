package io.consentledger.app;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.module.blackbird.BlackbirdModule;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Jackson settings beyond application.yml: instants only as ISO-8601 text with an offset, and Blackbird. */
@Configuration(proxyBeanMethods = false)
class JsonConfiguration {

    /** Generated accessors instead of reflection for every (de)serialized property. */
    @Bean
    BlackbirdModule blackbirdModule() {
        return new BlackbirdModule();
    }

    @Bean
    Jackson2ObjectMapperBuilderCustomizer strictInstants() {
        return builder -> builder.modulesToInstall(modules -> modules.add(
                new SimpleModule("strict-instants").addDeserializer(Instant.class, new IsoInstantDeserializer())));
    }

    /**
     * Reads an instant from ISO-8601 text with an offset ({@code 2026-03-01T12:00:00Z}); numbers, which Jackson would
     * otherwise take as epoch seconds, and text without an offset are refused as wrong format.
     */
    static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

        IsoInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Instant) context.handleUnexpectedToken(Instant.class, parser);
            }
            String text = parser.getText().trim();
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e) {
                return (Instant) context.handleWeirdStringValue(
                        Instant.class, text, "expected an ISO-8601 date-time with offset, e.g. 2026-03-01T12:00:00Z");
            }
        }
    }
}
