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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

/** "Contacts without legal basis", their retention, and erasing them in bulk. */
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

        assertThat(api.post(INTEGRATOR, "/api/v1/retention/erasures", "{\"allOverdue\":true}")
                        .status())
                .isEqualTo(403);
        String nobody = uniqueId("nobody");
        long before = allEvents();
        long jobsBefore = erasureJobs();
        Api.Response plan = api.post(ADMIN, "/api/v1/retention/erasures", """
                {"contactIds":["%s","%s"],"dryRun":true}""".formatted(overdue, nobody));
        assertThat(plan.status()).as(plan.body()).isEqualTo(200);
        assertThat(plan.json().get("dryRun").asBoolean()).isTrue();
        assertThat(plan.json().get("total").asInt()).isEqualTo(1);
        assertThat(plan.json().get("contactIds").get(0).asText()).isEqualTo(overdue);
        assertThat(plan.json().get("unknown").get(0).asText()).isEqualTo(nobody);
        JsonNode everyOverduePlan = api.post(
                        ADMIN, "/api/v1/retention/erasures", "{\"allOverdue\":true,\"dryRun\":true}")
                .json();
        assertThat(texts(everyOverduePlan.get("contactIds")))
                .contains(overdue, alsoOverdue)
                .doesNotContain(recent, inForce);
        assertThat(allEvents()).as("a dry run records nothing").isEqualTo(before);
        assertThat(erasureJobs()).isEqualTo(jobsBefore);

        Api.Response named = api.post(ADMIN, "/api/v1/retention/erasures", """
                {"contactIds":["%s","%s"]}""".formatted(overdue, nobody));
        assertThat(named.status()).as(named.body()).isEqualTo(202);
        JsonNode job = finished(named.json().get("jobId").asText());
        assertThat(job.get("total").asInt()).isEqualTo(2);
        assertThat(job.get("erased").asInt()).isEqualTo(1);
        assertThat(job.get("failed").asInt()).isEqualTo(1);
        assertThat(job.get("requestedBy").asText()).isEqualTo("admin");
        assertThat(job.get("allOverdue").asBoolean()).isFalse();
        assertThat(job.get("failures").get(0).get("contactId").asText()).isEqualTo(nobody);
        assertThat(job.get("failures").get(0).get("problem").asText()).isEqualTo("unknown-contact");
        JsonNode erased =
                api.get(AUDITOR, "/api/v1/contacts/" + overdue + "?wait=true").json();
        assertThat(erased.get("erasedAt").isNull()).isFalse();
        JsonNode items = api.get(AUDITOR, "/api/v1/contacts/" + overdue + "/history?wait=true")
                .json()
                .get("items");
        assertThat(items.get(items.size() - 1).get("actor").asText()).isEqualTo("admin");

        Api.Response everyOverdue = api.post(ADMIN, "/api/v1/retention/erasures", "{\"allOverdue\":true}");
        assertThat(everyOverdue.status()).as(everyOverdue.body()).isEqualTo(202);
        assertThat(everyOverdue.header("Location"))
                .isEqualTo("/api/v1/retention/erasures/"
                        + everyOverdue.json().get("jobId").asText());
        JsonNode rest = finished(everyOverdue.json().get("jobId").asText());
        assertThat(rest.get("allOverdue").asBoolean()).isTrue();
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

    @Test
    void anErasureRequestThatDoesNotSayExactlyWhomToEraseIsRefusedAndErasesNobody() {
        String overdue = registerContact(uniqueId("overdue"));
        try {
            // Its only basis ended three years ago; sales-and-service keeps contacts for two.
            GenericEventMessage.clock = Clock.fixed(Instant.now().minus(Duration.ofDays(3 * 365)), ZoneOffset.UTC);
            end(overdue, "sales-and-service");
        } finally {
            GenericEventMessage.clock = Clock.systemUTC();
        }
        assertThat(api.get(AUDITOR, "/api/v1/retention/due?overdueOnly=true&size=500&wait=true")
                        .json()
                        .findValuesAsText("contactId"))
                .contains(overdue);
        long before = allEvents();
        long jobsBefore = erasureJobs();
        Map<String, String> refused = new LinkedHashMap<>();
        refused.put("{}", "contactIds");
        refused.put("{\"contactIds\":null}", "contactIds");
        refused.put("{\"allOverdue\":false}", "allOverdue");
        refused.put("{\"allOverdue\":null}", "contactIds");
        refused.put("{\"dryRun\":false}", "contactIds");
        refused.put("{\"contactIds\":[]}", "contactIds");
        refused.put("{\"contactIds\":[null]}", "contactIds[0]");
        refused.put("{\"contactIds\":[\"a@b\"]}", "contactIds[0]");
        refused.put("{\"contactIds\":[\"" + overdue + "\"],\"allOverdue\":true}", "contactIds");
        refused.forEach((body, field) -> {
            Api.Response response = api.post(ADMIN, "/api/v1/retention/erasures", body);
            assertThat(response.status()).as(body + " → " + response.body()).isEqualTo(400);
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:invalid-request");
            assertThat(response.json().findValuesAsText("field")).as(body).contains(field);
        });
        Api.Response noBody = api.post(ADMIN, "/api/v1/retention/erasures", "");
        assertThat(noBody.status()).isEqualTo(400);
        assertThat(noBody.contentType()).startsWith("application/problem+json");
        assertThat(allEvents()).as("nobody erased").isEqualTo(before);
        assertThat(erasureJobs()).isEqualTo(jobsBefore);
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + overdue + "?wait=true")
                        .json()
                        .get("erasedAt")
                        .isNull())
                .isTrue();
    }

    private long erasureJobs() {
        return jdbc.sql("SELECT COUNT(*) FROM erasure_job").query(Long.class).single();
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(item -> texts.add(item.asText()));
        return texts;
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
