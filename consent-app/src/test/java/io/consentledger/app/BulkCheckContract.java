package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Checks in bulk and a purpose's audience: each answer in bulk is exactly the single check's for that contact (today
 * and as of an instant), in the order asked; the audience is the contacts the check allows, streamed as NDJSON.
 */
abstract class BulkCheckContract extends LedgerTest {

    private static final String PROBLEM = "urn:consent-ledger:problem:";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One contact per status for one purpose, and one whose purpose is retired. */
    private record Ledger(
            String purposeId,
            String retiredPurposeId,
            Map<String, String> contacts,
            String retired,
            Instant beforeWithdrawal) {

        String contact(String status) {
            return contacts.get(status);
        }
    }

    @Test
    void answersEachContactExactlyAsTheSingleCheckDoesForEveryStatusInTheOrderAsked() {
        Ledger ledger = ledger();
        List<String> asked = new ArrayList<>(ledger.contacts().values());
        String unknown = uniqueId("nobody");
        asked.add(unknown);
        asked.add(ledger.contact("GRANTED"));

        JsonNode results = ok(bulk(ledger.purposeId(), asked, null, true)).get("results");

        assertThat(results).hasSize(asked.size());
        for (int i = 0; i < asked.size(); i++) {
            JsonNode result = results.get(i);
            String contactId = asked.get(i);
            assertThat(result.get("contactId").asText()).isEqualTo(contactId);
            Api.Response single = single(contactId, ledger.purposeId(), null);
            if (contactId.equals(unknown)) {
                assertProblem(single, 404, "unknown-contact");
                assertThat(withoutId(result))
                        .isEqualTo(JSON.createObjectNode()
                                .put("allowed", false)
                                .put("status", "NOT_RECORDED")
                                .putNull("legalBasis")
                                .put("reason", "The contact is not registered."));
            } else {
                assertThat(withoutId(result)).as(contactId).isEqualTo(ok(single));
            }
        }
        assertThat(results.get(asked.size() - 1))
                .as("a repeated id is answered again")
                .isEqualTo(results.get(0));
        List<String> statuses = new ArrayList<>();
        results.forEach(result -> statuses.add(result.get("status").asText()));
        assertThat(statuses)
                .contains("GRANTED", "PENDING_CONFIRMATION", "WITHDRAWN", "EXPIRED", "ENDED", "NOT_RECORDED", "ERASED");

        JsonNode retired = ok(bulk(ledger.retiredPurposeId(), List.of(ledger.retired()), null, true))
                .get("results")
                .get(0);
        assertThat(withoutId(retired)).isEqualTo(ok(single(ledger.retired(), ledger.retiredPurposeId(), null)));
        assertThat(retired.get("reason").asText()).isEqualTo("The purpose is retired.");
    }

    @Test
    void answersAsOfAnInstantExactlyAsTheSingleCheckAsOfIt() {
        Ledger ledger = ledger();
        Instant now = Instant.now();
        List<String> asked = new ArrayList<>(ledger.contacts().values());
        String unknown = uniqueId("nobody");
        asked.add(unknown);

        JsonNode results = ok(bulk(ledger.purposeId(), asked, now, false)).get("results");

        for (int i = 0; i < asked.size(); i++) {
            String contactId = asked.get(i);
            JsonNode result = results.get(i);
            assertThat(result.get("contactId").asText()).isEqualTo(contactId);
            if (contactId.equals(unknown)) {
                assertProblem(single(contactId, ledger.purposeId(), now), 404, "unknown-contact");
                assertThat(result.get("status").asText()).isEqualTo("NOT_RECORDED");
                assertThat(result.get("allowed").asBoolean()).isFalse();
            } else {
                assertThat(withoutId(result)).as(contactId).isEqualTo(ok(single(contactId, ledger.purposeId(), now)));
                assertThat(withoutId(result))
                        .as("as of now is today")
                        .isEqualTo(ok(single(contactId, ledger.purposeId(), null)));
            }
        }

        JsonNode before = ok(bulk(
                        ledger.purposeId(),
                        List.of(ledger.contact("WITHDRAWN"), ledger.contact("ERASED")),
                        ledger.beforeWithdrawal(),
                        false))
                .get("results");
        assertThat(before.get(0).get("status").asText()).isEqualTo("GRANTED");
        assertThat(before.get(0).get("allowed").asBoolean()).isTrue();
        assertThat(before.get(1).get("status").asText()).as("not erased yet").isEqualTo("GRANTED");
        assertThat(withoutId(before.get(0)))
                .isEqualTo(ok(single(ledger.contact("WITHDRAWN"), ledger.purposeId(), ledger.beforeWithdrawal())));

        JsonNode retiredNow = ok(bulk(ledger.retiredPurposeId(), List.of(ledger.retired()), now, false))
                .get("results")
                .get(0);
        assertThat(withoutId(retiredNow)).isEqualTo(ok(single(ledger.retired(), ledger.retiredPurposeId(), now)));
    }

    @Test
    void aCheckWithWaitSeesTheWriteJustMade() {
        String purposeId = purpose(uniqueId("wait"));
        String contactId = registerContact(uniqueId("wait"));
        grant(contactId, purposeId);

        JsonNode result = ok(bulk(purposeId, List.of(contactId), null, true))
                .get("results")
                .get(0);

        assertThat(result.get("status").asText()).isEqualTo("GRANTED");
        assertThat(result.get("allowed").asBoolean()).isTrue();
    }

    @Test
    void takesUpToTenThousandContactIdsAndRefusesMoreOrNoneWithAProblem() {
        String purposeId = purpose(uniqueId("limits"));
        String known = registerContact(uniqueId("limits"));
        grant(known, purposeId);
        long before = allEvents();

        // The longest ids there are: the body is about 1.3 MB, above the usual limit of a request body.
        List<String> longest = new ArrayList<>(IntStream.range(0, 9_999)
                .mapToObj(i -> String.format("%0128d", i))
                .toList());
        longest.add(known);
        Collections.reverse(longest);
        JsonNode results = ok(bulk(purposeId, longest, null, true)).get("results");
        assertThat(results).hasSize(10_000);
        assertThat(results.get(0).get("contactId").asText()).isEqualTo(known);
        assertThat(results.get(0).get("allowed").asBoolean()).isTrue();
        assertThat(results.get(9_999).get("contactId").asText()).isEqualTo(longest.get(9_999));
        assertThat(results.get(9_999).get("reason").asText()).isEqualTo("The contact is not registered.");

        List<String> tooMany = IntStream.range(0, 10_001).mapToObj(i -> "c" + i).toList();
        assertField(bulk(purposeId, tooMany, null, false), "contactIds");
        assertField(bulk(purposeId, List.of(), null, false), "contactIds");
        assertField(
                api.post(INTEGRATOR, "/api/v1/consents/check", "{\"purposeId\":\"" + purposeId + "\"}"), "contactIds");
        assertField(
                api.post(
                        INTEGRATOR,
                        "/api/v1/consents/check",
                        "{\"purposeId\":\"" + purposeId + "\",\"contactIds\":[null]}"),
                "contactIds[0]");
        assertField(
                api.post(
                        INTEGRATOR,
                        "/api/v1/consents/check",
                        "{\"purposeId\":\"" + purposeId + "\",\"contactIds\":[\"" + known + "\",\"a@b\"]}"),
                "contactIds[1]");
        assertField(
                api.post(INTEGRATOR, "/api/v1/consents/check", "{\"contactIds\":[\"" + known + "\"]}"), "purposeId");
        assertField(
                api.post(
                        INTEGRATOR,
                        "/api/v1/consents/check",
                        "{\"purposeId\":\"" + purposeId + "\",\"contactIds\":\"" + known + "\"}"),
                "contactIds");
        assertField(
                api.post(
                        INTEGRATOR,
                        "/api/v1/consents/check",
                        "{\"purposeId\":\"" + purposeId + "\",\"purposeId\":\"e-marketing\",\"contactIds\":[\"" + known
                                + "\"]}"),
                "purposeId");
        assertField(
                api.post(
                        INTEGRATOR,
                        "/api/v1/consents/check",
                        "{\"purposeId\":\"" + purposeId + "\",\"contactIds\":[\"" + known + "\"],\"actor\":\"x\"}"),
                "actor");
        assertField(bulk(purposeId, List.of(known), Instant.now().plus(1, ChronoUnit.HOURS), false), "asOf");
        assertProblem(bulk(uniqueId("none"), List.of(known), null, false), 404, "unknown-purpose");
        assertProblem(bulk(uniqueId("none"), List.of(known), Instant.now(), false), 404, "unknown-purpose");
        assertThat(allEvents()).as("a check records nothing").isEqualTo(before);
    }

    @Test
    void theAudienceIsEveryContactTheCheckAllowsStreamedAsNdjsonInContactIdOrder() {
        Ledger ledger = ledger();
        String another = registerContact(uniqueId("also"));
        grant(another, ledger.purposeId());

        Api.Response now = api.get(INTEGRATOR, "/api/v1/purposes/" + ledger.purposeId() + "/audience?wait=true");
        assertThat(now.status()).as(now.body()).isEqualTo(200);
        assertThat(now.contentType()).startsWith("application/x-ndjson");
        assertThat(lines(now)).containsExactlyElementsOf(sorted(List.of(ledger.contact("GRANTED"), another)));
        assertThat(now.body()).startsWith("{\"contactId\":\"").endsWith("\"}\n");

        List<String> thenAllowed = new ArrayList<>();
        JsonNode checks = ok(bulk(
                        ledger.purposeId(),
                        new ArrayList<>(ledger.contacts().values()),
                        ledger.beforeWithdrawal(),
                        false))
                .get("results");
        checks.forEach(check -> {
            if (check.get("allowed").asBoolean()) {
                thenAllowed.add(check.get("contactId").asText());
            }
        });
        Api.Response then = api.get(
                AUDITOR, "/api/v1/purposes/" + ledger.purposeId() + "/audience?asOf=" + ledger.beforeWithdrawal());
        assertThat(then.status()).as(then.body()).isEqualTo(200);
        assertThat(lines(then))
                .as("as of then: the contacts the check as of then allows")
                .containsExactlyElementsOf(sorted(thenAllowed))
                .contains(ledger.contact("WITHDRAWN"), ledger.contact("ERASED"))
                .doesNotContain(another);

        Api.Response retired = api.get(INTEGRATOR, "/api/v1/purposes/" + ledger.retiredPurposeId() + "/audience");
        assertThat(retired.status()).isEqualTo(200);
        assertThat(retired.body()).as("a retired purpose allows no one").isEmpty();
        assertProblem(
                api.get(INTEGRATOR, "/api/v1/purposes/" + uniqueId("none") + "/audience"), 404, "unknown-purpose");
        assertProblem(
                api.get(INTEGRATOR, "/api/v1/purposes/" + uniqueId("none") + "/audience?asOf=" + Instant.now()),
                404,
                "unknown-purpose");
        assertField(api.get(INTEGRATOR, "/api/v1/purposes/Not%20a%20slug/audience"), "purposeId");
        assertField(
                api.get(
                        INTEGRATOR,
                        "/api/v1/purposes/" + ledger.purposeId() + "/audience?asOf="
                                + Instant.now().plus(1, ChronoUnit.HOURS)),
                "asOf");
    }

    /**
     * A purpose and one contact per status for it, written through the API: granted, pending confirmation,
     * withdrawn, expired, ended, nothing recorded, erased; and a contact granted for a purpose retired since.
     */
    private Ledger ledger() {
        String purposeId = purpose(uniqueId("bulk"));
        String retiredPurposeId = purpose(uniqueId("gone"));
        Map<String, String> contacts = new LinkedHashMap<>();
        String granted = registerContact(uniqueId("granted"));
        grant(granted, purposeId);
        contacts.put("GRANTED", granted);
        String withdrawn = registerContact(uniqueId("withdrawn"));
        grant(withdrawn, purposeId);
        String erased = registerContact(uniqueId("erased"));
        grant(erased, purposeId);
        String expired = registerContact(uniqueId("expired"));
        created(api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + expired + "/consents",
                "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"web-form\",\"validUntil\":\""
                        + Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.MICROS) + "\"}"));
        Instant beforeWithdrawal = Instant.now();
        ok(api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + withdrawn + "/consents/" + purposeId + "/withdrawal",
                "{\"sourceId\":\"email\"}"));
        contacts.put("WITHDRAWN", withdrawn);
        ok(api.post(ADMIN, "/api/v1/contacts/" + erased + "/erasure", ""));
        contacts.put("ERASED", erased);
        String pending = registerContact(uniqueId("pending"));
        created(api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + pending + "/consents",
                "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"web-form\",\"confirmBy\":\"email\"}"));
        contacts.put("PENDING_CONFIRMATION", pending);
        String ended = registerContact(uniqueId("ended"));
        created(api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + ended + "/legal-bases",
                "{\"purposeId\":\"" + purposeId
                        + "\",\"legalBasis\":\"LEGITIMATE_INTERESTS\",\"sourceId\":\"email\"}"));
        ok(api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + ended + "/legal-bases/" + purposeId + "/end",
                "{\"reason\":\"Objection\"}"));
        contacts.put("ENDED", ended);
        contacts.put("NOT_RECORDED", registerContact(uniqueId("nothing")));
        String retired = registerContact(uniqueId("retired"));
        grant(retired, retiredPurposeId);
        ok(api.post(ADMIN, "/api/v1/purposes/" + retiredPurposeId + "/retire", "{\"reason\":\"Campaign over\"}"));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "EXPIRED"
                        .equals(ok(single(expired, purposeId, null))
                                .get("status")
                                .asText()));
        contacts.put("EXPIRED", expired);
        // The confirmation email fails at once without a mail server; wait for it, so no later test counts it.
        changes(pending, "CONFIRMATION_EMAIL_FAILED");
        return new Ledger(purposeId, retiredPurposeId, contacts, retired, beforeWithdrawal);
    }

    private String purpose(String purposeId) {
        created(api.post(ADMIN, "/api/v1/purposes", """
                {"purposeId":"%s","name":"Newsletter","requiresConsent":false}""".formatted(purposeId)));
        return purposeId;
    }

    private Api.Response bulk(String purposeId, List<String> contactIds, Instant asOf, boolean wait) {
        ObjectNode body = JSON.createObjectNode().put("purposeId", purposeId);
        ArrayNode ids = body.putArray("contactIds");
        contactIds.forEach(ids::add);
        if (asOf != null) {
            body.put("asOf", asOf.truncatedTo(ChronoUnit.MICROS).toString());
        }
        return api.post(INTEGRATOR, "/api/v1/consents/check" + (wait ? "?wait=true" : ""), body.toString());
    }

    private Api.Response single(String contactId, String purposeId, Instant asOf) {
        return api.get(
                INTEGRATOR,
                "/api/v1/consents/check?contactId=" + contactId + "&purposeId=" + purposeId
                        + (asOf == null ? "&wait=true" : "&asOf=" + asOf.truncatedTo(ChronoUnit.MICROS)));
    }

    private static JsonNode withoutId(JsonNode result) {
        ObjectNode copy = result.deepCopy();
        copy.remove("contactId");
        return copy;
    }

    private static List<String> lines(Api.Response response) {
        List<String> contactIds = new ArrayList<>();
        for (String line : response.body().split("\n")) {
            if (!line.isEmpty()) {
                try {
                    contactIds.add(JSON.readTree(line).get("contactId").asText());
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return contactIds;
    }

    private static List<String> sorted(List<String> contactIds) {
        return contactIds.stream().sorted().toList();
    }

    private static JsonNode ok(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private static void created(Api.Response response) {
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().get("type").asText()).isEqualTo(PROBLEM + type);
    }

    private static void assertField(Api.Response response, String field) {
        assertProblem(response, 400, "invalid-request");
        List<String> fields = new ArrayList<>();
        response.json()
                .path("errors")
                .forEach(error -> fields.add(error.path("field").asText()));
        if (fields.isEmpty()) {
            fields.add(response.json().path("field").asText());
        }
        assertThat(fields).as(response.body()).containsOnly(field);
    }
}
