package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** "Contacts without legal basis", their retention, and forgetting them in bulk. */
abstract class RetentionContract extends LedgerTest {

    @Test
    void listsContactsWithoutLegalBasisAndErasesThoseOverdueInBulk() {
        String purposeId = uniqueId("short");
        assertThat(api.post(ADMIN, "/api/v1/purposes", """
                                {"purposeId":"%s","name":"Short campaign","requiresConsent":true,"retention":"P1D"}""".formatted(purposeId)).status())
                .isEqualTo(201);
        String inForce = registerContact(uniqueId("kept"));
        String recent = registerContact(uniqueId("recent"));
        end(recent, "sales-and-service");
        String overdue = registerContact(uniqueId("overdue"));
        String alsoOverdue = registerContact(uniqueId("overdue"));
        Instant now = Instant.now();
        try {
            for (String contactId : new String[] {overdue, alsoOverdue}) {
                GenericEventMessage.clock = Clock.fixed(now.minus(Duration.ofDays(11)), ZoneOffset.UTC);
                end(contactId, "sales-and-service");
                GenericEventMessage.clock = Clock.fixed(now.minus(Duration.ofDays(10)), ZoneOffset.UTC);
                assertThat(api.post(
                                        INTEGRATOR,
                                        "/api/v1/contacts/" + contactId + "/consents",
                                        "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"web-form\"}")
                                .status())
                        .isEqualTo(201);
                GenericEventMessage.clock = Clock.fixed(now.minus(Duration.ofDays(9)), ZoneOffset.UTC);
                assertThat(api.post(
                                        INTEGRATOR,
                                        "/api/v1/contacts/" + contactId + "/consents/" + purposeId + "/withdrawal",
                                        "{\"sourceId\":\"email\"}")
                                .status())
                        .isEqualTo(200);
            }
        } finally {
            GenericEventMessage.clock = Clock.systemUTC();
        }

        JsonNode all =
                api.get(AUDITOR, "/api/v1/retention/due?size=500&wait=true").json();
        assertThat(all.findValuesAsText("contactId")).contains(recent, overdue).doesNotContain(inForce);
        JsonNode recentEntry = entry(all, recent);
        assertThat(recentEntry.get("overdue").asBoolean()).isFalse();
        assertThat(recentEntry.get("purposeId").asText()).isEqualTo("sales-and-service");
        assertThat(recentEntry.get("retention").asText()).isEqualTo("P2Y");
        JsonNode overdueEntry = entry(all, overdue);
        assertThat(overdueEntry.get("overdue").asBoolean()).isTrue();
        assertThat(overdueEntry.get("purposeId").asText())
                .as("the last basis to end decides")
                .isEqualTo(purposeId);
        assertThat(Instant.parse(overdueEntry.get("retentionEndsAt").asText()))
                .isEqualTo(Instant.parse(overdueEntry.get("lastBasisEndedAt").asText())
                        .plus(Duration.ofDays(1)));
        JsonNode overdueOnly = api.get(AUDITOR, "/api/v1/retention/due?overdueOnly=true&size=500")
                .json();
        assertThat(overdueOnly.findValuesAsText("contactId"))
                .contains(overdue, alsoOverdue)
                .doesNotContain(recent);

        assertThat(api.post(INTEGRATOR, "/api/v1/retention/erasures", "").status())
                .isEqualTo(403);
        Api.Response named = api.post(ADMIN, "/api/v1/retention/erasures", """
                {"contactIds":["%s","%s"]}""".formatted(overdue, uniqueId("nobody")));
        assertThat(named.status()).as(named.body()).isEqualTo(202);
        JsonNode job = finished(named.json().get("jobId").asText());
        assertThat(job.get("total").asInt()).isEqualTo(2);
        assertThat(job.get("erased").asInt()).isEqualTo(1);
        assertThat(job.get("failed").asInt()).isEqualTo(1);
        assertThat(job.get("requestedBy").asText()).isEqualTo("admin");
        JsonNode erased =
                api.get(AUDITOR, "/api/v1/contacts/" + overdue + "?wait=true").json();
        assertThat(erased.get("erasedAt").isNull()).isFalse();
        JsonNode items = api.get(AUDITOR, "/api/v1/contacts/" + overdue + "/history?wait=true")
                .json()
                .get("items");
        assertThat(items.get(items.size() - 1).get("actor").asText()).isEqualTo("admin");

        Api.Response everyOverdue = api.post(ADMIN, "/api/v1/retention/erasures", "");
        assertThat(everyOverdue.status()).isEqualTo(202);
        JsonNode rest = finished(everyOverdue.json().get("jobId").asText());
        assertThat(rest.get("erased").asInt())
                .isEqualTo(rest.get("total").asInt())
                .isPositive();
        assertThat(api.get(AUDITOR, "/api/v1/retention/due?overdueOnly=true&size=500&wait=true")
                        .json()
                        .findValuesAsText("contactId"))
                .doesNotContain(overdue, alsoOverdue);
        assertThat(api.get(AUDITOR, "/api/v1/retention/erasures/" + uniqueId("job"))
                        .status())
                .isEqualTo(404);
    }

    private void end(String contactId, String purposeId) {
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-bases/" + purposeId + "/end", "")
                        .status())
                .isEqualTo(200);
    }

    private JsonNode finished(String jobId) {
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            job[0] = api.get(AUDITOR, "/api/v1/retention/erasures/" + jobId).json();
            assertThat(job[0].get("state").asText()).isEqualTo("FINISHED");
        });
        assertThat(job[0].get("processed").asInt())
                .isEqualTo(job[0].get("total").asInt());
        return job[0];
    }

    private static JsonNode entry(JsonNode page, String contactId) {
        for (JsonNode item : page.get("items")) {
            if (item.get("contactId").asText().equals(contactId)) {
                return item;
            }
        }
        throw new AssertionError("No " + contactId + " in " + page);
    }
}
