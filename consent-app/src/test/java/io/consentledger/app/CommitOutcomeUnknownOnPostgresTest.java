package io.consentledger.app;

import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.PostgresFaultProxy;
import io.consentledger.app.support.PostgresFaultProxy.Fault;
import io.consentledger.app.support.TestDatabases;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service reaches PostgreSQL through a proxy that breaks the connection at a chosen moment of a command's
 * transaction. When it breaks during the commit, nobody on the service's side knows the outcome: the answer says so,
 * and a repeat with the same {@code Idempotency-Key} gets the stored outcome, or records the change if the commit never
 * arrived. When it breaks before the commit, nothing was recorded, and the answer says that.
 */
@EnabledIfPostgres
@DirtiesContext
class CommitOutcomeUnknownOnPostgresTest extends LedgerTest {

    private static final String GRANT = "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}";

    private static PostgresFaultProxy proxy;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) throws IOException {
        proxy = PostgresFaultProxy.inFrontOf(TestDatabases.PG_URL);
        TestDatabases.postgres(registry, proxy::jdbcUrl);
    }

    /** Stops accepting connections; the open ones keep working until the context closes them. */
    @AfterAll
    static void stopProxy() throws IOException {
        proxy.close();
    }

    @Test
    void aCommitWhoseAnswerIsLostIsAnsweredOutcomeUnknownAndARepeatWithTheKeyGetsTheStoredOutcome() {
        String contactId = registerContact(uniqueId("lost"));
        long before = eventsOf(contactId);
        Map<String, String> key = Map.of("Idempotency-Key", uniqueId("grant"));
        int faults = proxy.faults();

        proxy.arm(Fault.COMMIT_ANSWER_LOST);
        Api.Response lost = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", GRANT, key);

        assertThat(proxy.faults()).as("the proxy broke the commit's connection").isEqualTo(faults + 1);
        assertOutcomeUnknown(lost);
        assertThat(lost.json().get("detail").asText()).contains("same Idempotency-Key");
        assertThat(eventsOf(contactId)).as("the commit reached the database").isEqualTo(before + 1);

        Api.Response repeated = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", GRANT, key);
        assertThat(repeated.status()).as(repeated.body()).isEqualTo(201);
        assertThat(repeated.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeated.json().get("status").asText()).isEqualTo("GRANTED");
        assertThat(eventsOf(contactId)).as("stored once").isEqualTo(before + 1);
        assertThat(changes(contactId, "CONSENT_GRANTED"))
                .filteredOn("CONSENT_GRANTED"::equals)
                .hasSize(1);
    }

    @Test
    void aCommitWhoseAnswerIsLostWithoutAKeyIsAnsweredOutcomeUnknownToo() {
        String contactId = registerContact(uniqueId("lost"));
        long before = eventsOf(contactId);
        int faults = proxy.faults();

        proxy.arm(Fault.COMMIT_ANSWER_LOST);
        Api.Response lost = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", GRANT);

        assertThat(proxy.faults()).isEqualTo(faults + 1);
        assertOutcomeUnknown(lost);
        assertThat(lost.json().get("detail").asText()).contains("send an Idempotency-Key");
        assertThat(eventsOf(contactId)).isEqualTo(before + 1);
    }

    @Test
    void aCommitThatNeverArrivedIsAnsweredOutcomeUnknownAndARepeatWithTheKeyRecordsItOnce() {
        String contactId = registerContact(uniqueId("lost"));
        long before = eventsOf(contactId);
        Map<String, String> key = Map.of("Idempotency-Key", uniqueId("grant"));
        int faults = proxy.faults();

        proxy.arm(Fault.COMMIT_LOST);
        Api.Response lost = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", GRANT, key);

        assertThat(proxy.faults()).isEqualTo(faults + 1);
        assertOutcomeUnknown(lost);
        assertThat(eventsOf(contactId))
                .as("the commit never reached the database")
                .isEqualTo(before);

        Api.Response repeated = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", GRANT, key);
        assertThat(repeated.status()).as(repeated.body()).isEqualTo(201);
        assertThat(repeated.header("Idempotent-Replayed")).as("recorded now").isNull();
        assertThat(eventsOf(contactId)).isEqualTo(before + 1);
        Api.Response again = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", GRANT, key);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventsOf(contactId)).isEqualTo(before + 1);
    }

    @Test
    void aConnectionBrokenBeforeTheCommitIsAnsweredNothingWasRecordedAndTheRepeatRecordsIt() {
        String contactId = registerContact(uniqueId("broken"));
        long before = eventsOf(contactId);
        Map<String, String> key = Map.of("Idempotency-Key", uniqueId("grant"));
        int faults = proxy.faults();

        proxy.arm(Fault.IDEMPOTENCY_RECORD_LOST);
        Api.Response broken = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", GRANT, key);

        assertThat(proxy.faults()).isEqualTo(faults + 1);
        assertThat(broken.status()).as(broken.body()).isEqualTo(500);
        assertThat(broken.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:internal-error");
        assertThat(eventsOf(contactId)).isEqualTo(before);

        Api.Response repeated = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", GRANT, key);
        assertThat(repeated.status()).as(repeated.body()).isEqualTo(201);
        assertThat(repeated.header("Idempotent-Replayed")).isNull();
        assertThat(eventsOf(contactId)).isEqualTo(before + 1);
    }

    private static void assertOutcomeUnknown(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.header("Retry-After")).isEqualTo("1");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:outcome-unknown");
    }
}
