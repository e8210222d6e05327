package io.consentledger.app.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.consentledger.api.FieldRules;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The JSON rules of request bodies, on top of the service's Jackson settings. They apply to what the HTTP API reads,
 * never to the ObjectMapper that Axon serializes events, sagas and tokens with: what is already stored must stay
 * readable, whatever it holds.
 */
public final class StrictJson {

    private StrictJson() {}

    /**
     * Strict JSON: a key twice in one object, a number or boolean where text belongs (or text where a number or
     * boolean belongs), a fraction where a whole number belongs, a number for an enum, an empty string for an
     * object, a time or a period, and trailing tokens are refused. Text must be storable ({@link FieldRules#isFreeText}),
     * instants within {@link FieldRules#instantProblem}, periods within {@link FieldRules#periodProblem}.
     */
    public static ObjectMapper strict(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
        mapper.disable(
                DeserializationFeature.ACCEPT_FLOAT_AS_INT,
                DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS,
                DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
                DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT);
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.coercionConfigDefaults().setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Textual, LogicalType.Enum}) {
            mapper.coercionConfigFor(scalar)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.registerModule(new SimpleModule("storable-values")
                .addDeserializer(String.class, new StorableTextDeserializer())
                .addDeserializer(Instant.class, new StorableInstantDeserializer())
                .addDeserializer(Period.class, new StorablePeriodDeserializer()));
        return mapper;
    }

    /**
     * Reads an instant from ISO-8601 text with an offset ({@code 2026-03-01T12:00:00Z}); numbers, which Jackson would
     * otherwise take as epoch seconds, and text without an offset are refused as wrong format.
     */
    public static final class IsoInstantDeserializer extends StdScalarDeserializer<Instant> {

        public IsoInstantDeserializer() {
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

    /** Text as Jackson reads it (with the coercion rules), refused when it holds what cannot be stored. */
    static final class StorableTextDeserializer extends StdScalarDeserializer<String> {

        StorableTextDeserializer() {
            super(String.class);
        }

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = StringDeserializer.instance.deserialize(parser, context);
            if (text != null && !FieldRules.isFreeText(text)) {
                throw new RefusedValue(parser, FieldRules.FREE_TEXT_MESSAGE, String.class);
            }
            return text;
        }
    }

    /** An ISO-8601 instant with offset that SQL timestamps and the events' text both keep exactly. */
    static final class StorableInstantDeserializer extends StdScalarDeserializer<Instant> {

        private final IsoInstantDeserializer iso = new IsoInstantDeserializer();

        StorableInstantDeserializer() {
            super(Instant.class);
        }

        @Override
        public Instant deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Instant instant = iso.deserialize(parser, context);
            Optional<String> problem = FieldRules.instantProblem(instant);
            if (problem.isPresent()) {
                throw new RefusedValue(parser, problem.get(), Instant.class);
            }
            return instant;
        }
    }

    /** An ISO-8601 period ({@code P2Y}), none of its parts negative, at most 100 years. */
    static final class StorablePeriodDeserializer extends StdScalarDeserializer<Period> {

        StorablePeriodDeserializer() {
            super(Period.class);
        }

        @Override
        public Period deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (Period) context.handleUnexpectedToken(Period.class, parser);
            }
            Period period;
            try {
                period = Period.parse(parser.getText());
            } catch (DateTimeParseException e) {
                throw new RefusedValue(parser, FieldRules.PERIOD_MESSAGE, Period.class);
            }
            if (FieldRules.periodProblem(period).isPresent()) {
                throw new RefusedValue(parser, FieldRules.PERIOD_MESSAGE, Period.class);
            }
            return period;
        }
    }
}
