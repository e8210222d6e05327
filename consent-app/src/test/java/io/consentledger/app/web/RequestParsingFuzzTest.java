package io.consentledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import io.consentledger.api.FieldRules;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.Period;
import java.util.Collection;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.mock.http.MockHttpInputMessage;
import org.springframework.mock.web.MockHttpServletRequest;

/**
 * Coverage-guided fuzzing of how request bodies are read: any bytes, for any request type of the API, are either a
 * request whose every text, time and period the ledger can store and read back exactly, or a refusal that the problem
 * handler answers with a 400 naming what is wrong — never an exception of another kind, never a 500.
 *
 * <p>Without {@code JAZZER_FUZZ} it runs the inputs kept in {@code RequestParsingFuzzTestInputs} (a regression test);
 * with {@code JAZZER_FUZZ=1} Jazzer generates inputs for {@code maxDuration}.
 */
class RequestParsingFuzzTest {

    private static final List<Class<?>> REQUESTS = List.of(
            type("io.consentledger.command.contact.ContactRequests$RegisterContactRequest"),
            type("io.consentledger.command.contact.ContactRequests$UpdateContactDetailsRequest"),
            type("io.consentledger.command.contact.ContactRequests$GrantConsentRequest"),
            type("io.consentledger.command.contact.ContactRequests$WithdrawConsentRequest"),
            type("io.consentledger.command.contact.ContactRequests$DocumentLegalBasisRequest"),
            type("io.consentledger.command.purpose.PurposeRequest"),
            type("io.consentledger.command.source.DefineSourceRequest"),
            type("io.consentledger.command.legalbasis.LegalBasisCommandController$NameRequest"),
            type("io.consentledger.command.web.ReasonRequest"),
            type("io.consentledger.app.retention.RetentionErasureController$ErasureRequest"),
            type("io.consentledger.query.contact.ContactQueryController$BulkCheckRequest"));

    private static final ObjectMapper STRICT = StrictJson.strict(new Jackson2ObjectMapperBuilder().build());
    private static final Validator VALIDATOR =
            Validation.buildDefaultValidatorFactory().getValidator();
    private static final ProblemHandler PROBLEMS = new ProblemHandler();

    @FuzzTest(maxDuration = "60s")
    void readsAnyBodyAsAStorableRequestOrRefusesItWithA400(FuzzedDataProvider data) {
        Class<?> type = REQUESTS.get(data.consumeInt(0, REQUESTS.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        Object request;
        try {
            request = STRICT.readValue(body, type);
        } catch (InvalidDefinitionException e) {
            throw new AssertionError("A request type Jackson cannot read is a fault of ours (a 500)", e);
        } catch (IOException e) {
            assertRefusedWith400(e, body);
            return;
        }
        if (request == null || !VALIDATOR.validate(request).isEmpty()) {
            return;
        }
        assertStorable(request);
    }

    /** What the API answers when reading the body failed so: a 400 (or 413) problem, never a 500. */
    private static void assertRefusedWith400(IOException e, byte[] body) {
        HttpMessageNotReadableException unreadable =
                new HttpMessageNotReadableException("unreadable", e, new MockHttpInputMessage(body));
        ResponseEntity<Object> answer =
                PROBLEMS.unreadable(unreadable, new MockHttpServletRequest("POST", "/api/v1/fuzz"));
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(((ProblemDetail) answer.getBody()).getType().toString()).startsWith(ProblemTypes.BASE);
    }

    /** Every value of an accepted request can be stored and read back exactly. */
    private static void assertStorable(Object value) {
        if (value instanceof String text) {
            assertThat(FieldRules.isFreeText(text)).as("storable text").isTrue();
        } else if (value instanceof Instant instant) {
            assertThat(FieldRules.instantProblem(instant))
                    .as("storable instant")
                    .isEmpty();
        } else if (value instanceof Period period) {
            assertThat(FieldRules.periodProblem(period)).as("period in range").isEmpty();
        } else if (value instanceof Collection<?> values) {
            values.forEach(RequestParsingFuzzTest::assertStorable);
        } else if (value != null && value.getClass().isRecord()) {
            for (RecordComponent component : value.getClass().getRecordComponents()) {
                try {
                    component.getAccessor().setAccessible(true);
                    assertStorable(component.getAccessor().invoke(value));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
