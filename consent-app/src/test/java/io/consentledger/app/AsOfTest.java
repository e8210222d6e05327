package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** Auditors ask what the ledger knew at an instant: answered from the event store, purposes as they were then. */
class AsOfTest extends LedgerTest {

    private static final Instant DAY_0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant DAY_1 = Instant.parse("2026-03-02T08:00:00Z");
    private static final Instant DAY_2 = Instant.parse("2026-03-03T08:00:00Z");
    private static final Instant DAY_3 = Instant.parse("2026-03-04T08:00:00Z");
    private static final Instant DAY_4 = Instant.parse("2026-03-05T08:00:00Z");
    private static final Instant DAY_5 = Instant.parse("2026-03-06T08:00:00Z");

    @Test
    void answersWhatTheLedgerKnewThenWithThePurposeAsItWasThen() {
        String purposeId = uniqueId("news");
        String contactId = uniqueId("asof");
        try {
            // Events take their timestamps from Axon's event clock: set it to record a history over several days.
            at(DAY_0);
            created(api.post(ADMIN, "/api/v1/purposes", """
                    {"purposeId":"%s","name":"Newsletter","requiresConsent":true}""".formatted(purposeId)));
            created(api.post(INTEGRATOR, "/api/v1/contacts", """
                    {"contactId":"%s","name":"Ann Smith","email":"ann@example.com","sourceId":"import"}""".formatted(contactId)));
            at(DAY_1);
            created(api.post(
                    INTEGRATOR,
                    "/api/v1/contacts/" + contactId + "/consents",
                    "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"web-form\"}"));
            at(DAY_3);
            ok(api.post(
                    INTEGRATOR,
                    "/api/v1/contacts/" + contactId + "/consents/" + purposeId + "/withdrawal",
                    "{\"sourceId\":\"email\"}"));
            at(DAY_4);
            ok(api.put(ADMIN, "/api/v1/purposes/" + purposeId, """
                    {"name":"Weekly newsletter","requiresConsent":true}"""));
        } finally {
            GenericEventMessage.clock = Clock.systemUTC();
        }

        JsonNode day2 = purpose(legalBasisAsOf(contactId, DAY_2), purposeId);
        assertThat(day2.get("status").asText()).isEqualTo("GRANTED");
        assertThat(day2.get("purposeVersion").asInt()).isEqualTo(1);
        assertThat(day2.get("purposeName").asText()).isEqualTo("Newsletter");
        JsonNode checkDay2 = checkAsOf(contactId, purposeId, DAY_2);
        assertThat(checkDay2.get("allowed").asBoolean()).isTrue();
        assertThat(checkDay2.get("status").asText()).isEqualTo("GRANTED");

        JsonNode day5 = purpose(legalBasisAsOf(contactId, DAY_5), purposeId);
        assertThat(day5.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(day5.get("purposeName").asText()).isEqualTo("Weekly newsletter");
        assertThat(day5.get("purposeVersion").asInt())
                .as("the version the consent was given under")
                .isEqualTo(1);
        JsonNode checkDay5 = checkAsOf(contactId, purposeId, DAY_5);
        assertThat(checkDay5.get("allowed").asBoolean()).isFalse();
        assertThat(checkDay5.get("status").asText()).isEqualTo("WITHDRAWN");

        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?asOf=" + DAY_0.minusSeconds(3600))
                        .status())
                .as("not registered yet")
                .isEqualTo(404);
        Api.Response future = api.get(
                AUDITOR,
                "/api/v1/contacts/" + contactId + "/legal-basis?asOf="
                        + Instant.now().plusSeconds(3600));
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.body()).contains("asOf");
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?asOf=yesterday")
                        .status())
                .isEqualTo(400);
        assertThat(api.get(
                                AUDITOR,
                                "/api/v1/consents/check?contactId=" + contactId + "&purposeId=" + uniqueId("none")
                                        + "&asOf=" + DAY_5)
                        .status())
                .isEqualTo(404);

        JsonNode today = purpose(
                api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                        .json(),
                purposeId);
        assertThat(today.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(today.get("purposeName").asText()).isEqualTo("Weekly newsletter");
    }

    private static void at(Instant instant) {
        GenericEventMessage.clock = Clock.fixed(instant, ZoneOffset.UTC);
    }

    private JsonNode legalBasisAsOf(String contactId, Instant asOf) {
        Api.Response response = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?asOf=" + asOf);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private JsonNode checkAsOf(String contactId, String purposeId, Instant asOf) {
        Api.Response response = api.get(
                INTEGRATOR,
                "/api/v1/consents/check?contactId=" + contactId + "&purposeId=" + purposeId + "&asOf=" + asOf);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static JsonNode purpose(JsonNode legalBasis, String purposeId) {
        for (JsonNode purpose : legalBasis.get("purposes")) {
            if (purpose.get("purposeId").asText().equals(purposeId)) {
                return purpose;
            }
        }
        throw new AssertionError("No purpose " + purposeId + " in " + legalBasis);
    }

    private static void created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static void ok(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }
}
