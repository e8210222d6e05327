package io.consentledger.app.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;
import io.consentledger.command.contact.ErasureNotJournaled;
import jakarta.validation.constraints.NotBlank;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The one place where every kind of refusal is mapped to its HTTP status and stable problem {@code type}: a ledger
 * rejection of each {@link RejectionKind} (thrown as is, or as the details of an execution exception that crossed a
 * distributed bus), Axon's conflicts and unknown ids, Spring MVC's own refusals, and a fault of ours. The HTTP suites
 * need to check each mapping only once end to end.
 */
class ProblemMappingTest {

    /** Every kind, its status and its type: the contract integrators program against; a change here breaks them. */
    private static final String KINDS = """
            INVALID_REQUEST,             400, invalid-request
            UNKNOWN_CONTACT,             404, unknown-contact
            UNKNOWN_PURPOSE,             404, unknown-purpose
            UNKNOWN_SOURCE,              404, unknown-source
            UNKNOWN_PROJECTION,          404, unknown-projection
            UNKNOWN_ERASURE_JOB,         404, unknown-erasure-job
            UNKNOWN_WEBHOOK,             404, unknown-webhook
            UNKNOWN_IMPORT,              404, unknown-import
            INVALID_IMPORT_FILE,         400, invalid-import-file
            CONTACT_ALREADY_REGISTERED,  409, contact-already-registered
            CONTACT_ERASED,              409, contact-erased
            PURPOSE_ALREADY_DEFINED,     409, purpose-already-defined
            SOURCE_ALREADY_DEFINED,      409, source-already-defined
            PURPOSE_RETIRED,             409, purpose-retired
            SOURCE_RETIRED,              409, source-retired
            SOURCE_BUILT_IN,             409, source-built-in
            CONSENT_REQUIRED,            409, consent-required
            CONSENT_NOT_GRANTED,         409, consent-not-granted
            CONSENT_ALREADY_GRANTED,     409, consent-already-granted
            CONFIRMATION_NOT_PENDING,    409, confirmation-not-pending
            LEGAL_BASIS_NOT_IN_FORCE,    409, legal-basis-not-in-force
            CONCURRENT_MODIFICATION,     409, concurrent-modification
            IDEMPOTENCY_KEY_REUSED,      422, idempotency-key-reused
            WEBHOOK_URL_REFUSED,         422, webhook-url-refused
            PROJECTION_LAGGING,          503, projection-lagging
            TOO_MANY_WAITING_READERS,    503, too-many-waiting-readers
            """;

    /** Throws whatever the test asks for, as a controller of the API would. */
    @RestController
    @Validated
    static class Failing {

        static RuntimeException next;

        @PostMapping("/api/v1/fail")
        void fail() {
            throw next;
        }

        @PostMapping(path = "/api/v1/things/{thingId}", consumes = MediaType.APPLICATION_JSON_VALUE)
        void thing(@PathVariable String thingId, @RequestBody @jakarta.validation.Valid Thing thing) {}

        record Thing(@NotBlank String name) {}
    }

    /** A rejection of the given kind, as the aggregates throw them. */
    private static final class Rejected extends Rejection {
        Rejected(RejectionKind kind, String field) {
            super(kind, "Refused: " + kind.slug() + ".", field);
        }
    }

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Failing())
            .setControllerAdvice(new ProblemHandler())
            .build();

    @Test
    void theTableCoversEveryKind() {
        Set<String> listed =
                KINDS.lines().map(line -> line.split(",")[0].trim()).collect(Collectors.toSet());
        assertThat(listed)
                .containsExactlyInAnyOrderElementsOf(
                        Arrays.stream(RejectionKind.values()).map(Enum::name).toList());
    }

    @ParameterizedTest
    @CsvSource(textBlock = KINDS)
    void answersARejectionWithTheStatusAndTypeOfItsKind(RejectionKind kind, int status, String type) throws Exception {
        Failing.next = new Rejected(kind, null);

        mvc.perform(post("/api/v1/fail"))
                .andExpect(status().is(status))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:" + type))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.detail").value("Refused: " + kind.slug() + "."))
                .andExpect(jsonPath("$.instance").value("/api/v1/fail"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = KINDS)
    void answersARejectionThatCrossedADistributedBusAsOnlyItsDetailsTheSameWay(
            RejectionKind kind, int status, String type) throws Exception {
        Rejection rejection = new Rejected(kind, "purposeId");
        Failing.next = new CommandExecutionException(rejection.getMessage(), null, rejection.details());

        mvc.perform(post("/api/v1/fail"))
                .andExpect(status().is(status))
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:" + type))
                .andExpect(jsonPath("$.field").value("purposeId"));
    }

    @Test
    void namesTheFieldToBlameOfAnInvalidRequestAsAnError() throws Exception {
        Failing.next =
                new IllegalStateException("unit of work", new Rejected(RejectionKind.INVALID_REQUEST, "capturedAt"));

        mvc.perform(post("/api/v1/fail"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.field").value("capturedAt"))
                .andExpect(jsonPath("$.errors[0].field").value("capturedAt"))
                .andExpect(jsonPath("$.errors[0].message").value("Refused: invalid-request."));
    }

    @Test
    void answersAConcurrentChangeFoundByAxonAs409() throws Exception {
        Failing.next = new CommandExecutionException("failed", new ConcurrencyException("sequence taken"));

        mvc.perform(post("/api/v1/fail"))
                .andExpect(status().isConflict())
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:concurrent-modification"));
    }

    @Test
    void answersAnIdWithNothingRecordedAs404() throws Exception {
        Failing.next = new AggregateNotFoundException("c-1", "no events");

        mvc.perform(post("/api/v1/fail"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:not-found"));
    }

    @Test
    void answersAnErasureNotJournaledAs503() throws Exception {
        Failing.next = new ErasureNotJournaled("c-1", new java.io.IOException("disk full"));

        mvc.perform(post("/api/v1/fail"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:erasure-not-journaled"));
    }

    @Test
    void answersARoleRefusedInsideAHandlerAs403NotAsAFault() throws Exception {
        Failing.next = new AccessDeniedException("Access Denied");

        mvc.perform(post("/api/v1/fail"))
                .andExpect(status().isForbidden())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:forbidden"))
                .andExpect(jsonPath("$.status").value(403));
    }

    @Test
    void answersAFaultOfOursAs500WithoutItsMessage() throws Exception {
        Failing.next = new IllegalStateException("Could not store ann@example.com");

        mvc.perform(post("/api/v1/fail"))
                .andExpect(status().isInternalServerError())
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:internal-error"))
                .andExpect(content()
                        .string(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("ann@example.com"))));
    }

    @Test
    void answersSpringMvcsOwnRefusalsWithTheTypeOfTheirStatus() throws Exception {
        mvc.perform(get("/api/v1/fail"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(header().exists("Allow"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:method-not-allowed"))
                .andExpect(jsonPath("$.instance").value("/api/v1/fail"));
        mvc.perform(post("/api/v1/things/t-1").contentType(MediaType.TEXT_PLAIN).content("name"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:unsupported-media-type"));
    }

    @Test
    void answersAnUnreadableBodyAsMalformedAndAnInvalidOneFieldByField() throws Exception {
        mvc.perform(post("/api/v1/things/t-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:malformed-request"));
        mvc.perform(post("/api/v1/things/t-1")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\":\" \"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("urn:consent-ledger:problem:invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("name"))
                .andExpect(jsonPath("$.errors[0].message").value("must not be blank"));
    }
}
