package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The HTTP API v1 as integrators, admins and auditors use it. The purposes it defines apply to every contact
 * registered after it, so its application context is not shared on.
 */
@DirtiesContext
class LedgerApiTest extends LedgerTest {

    private static final String PROBLEM = "urn:consent-ledger:problem:";

    @Test
    void seedsTheStandardPurposesAndSourcesOnFirstStart() {
        JsonNode purposes = api.get(AUDITOR, "/api/v1/purposes?wait=true").json();
        JsonNode sales = find(purposes, "purposeId", "sales-and-service");
        assertThat(sales.get("name").asText()).isEqualTo("Sales and service");
        assertThat(sales.get("requiresConsent").asBoolean()).isFalse();
        assertThat(sales.get("defaultLegalBasis").asText()).isEqualTo("LEGITIMATE_INTERESTS");
        JsonNode marketing = find(purposes, "purposeId", "e-marketing");
        assertThat(marketing.get("requiresConsent").asBoolean()).isTrue();
        assertThat(marketing.get("doubleOptIn").asBoolean()).isTrue();

        List<String> sources =
                texts(api.get(INTEGRATOR, "/api/v1/sources?wait=true").json(), "sourceId");
        assertThat(sources).contains("business-card", "email", "chat", "web-form", "phone", "import");

        JsonNode bases = api.get(INTEGRATOR, "/api/v1/legal-bases").json();
        assertThat(texts(bases, "code"))
                .containsExactly(
                        "CONSENT",
                        "CONTRACT",
                        "LEGAL_OBLIGATION",
                        "VITAL_INTERESTS",
                        "PUBLIC_TASK",
                        "LEGITIMATE_INTERESTS");
        assertThat(find(bases, "code", "LEGITIMATE_INTERESTS").get("name").asText())
                .isEqualTo("Legitimate interests");
    }

    @Test
    void recordsGrantAndWithdrawalWithWhoWhenAndSource() {
        String contactId = registerContact(uniqueId("c"));

        Api.Response granted = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", """
                {"purposeId":"e-marketing","sourceId":"web-form","sourceDetail":"Newsletter box",
                 "evidence":{"text":"Yes, send me offers","formUrl":"https://example.com/signup",
                 "ipAddress":"203.0.113.7","userAgent":"Firefox"}}""");
        assertThat(granted.status()).isEqualTo(201);
        assertThat(granted.json().get("status").asText()).isEqualTo("GRANTED");

        JsonNode check = api.get(INTEGRATOR, checkPath(contactId, "e-marketing") + "&wait=true")
                .json();
        assertThat(check.get("allowed").asBoolean()).isTrue();
        assertThat(check.get("legalBasis").asText()).isEqualTo("CONSENT");
        assertThat(check.get("status").asText()).isEqualTo("GRANTED");

        JsonNode basis = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                .json();
        assertThat(basis.get("summary").asText())
                .isEqualTo("Consent: E-marketing · Legitimate interests: Sales and service");
        JsonNode marketing = find(basis.get("purposes"), "purposeId", "e-marketing");
        assertThat(marketing.get("purposeName").asText()).isEqualTo("E-marketing");
        assertThat(marketing.get("purposeVersion").asInt()).isEqualTo(1);
        assertThat(marketing.get("sourceId").asText()).isEqualTo("web-form");
        assertThat(marketing.get("recordedBy").asText()).isEqualTo(INTEGRATOR);

        Api.Response withdrawn = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                "{\"sourceId\":\"email\",\"reason\":\"Unsubscribed\"}");
        assertThat(withdrawn.status()).isEqualTo(200);

        JsonNode after = api.get(INTEGRATOR, checkPath(contactId, "e-marketing") + "&wait=true")
                .json();
        assertThat(after.get("allowed").asBoolean()).isFalse();
        assertThat(after.get("status").asText()).isEqualTo("WITHDRAWN");

        JsonNode history = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                .json();
        assertThat(history.get("totalElements").asLong()).isEqualTo(4);
        JsonNode items = history.get("items");
        assertThat(texts(items, "change"))
                .containsExactly(
                        "CONTACT_REGISTERED", "LEGAL_BASIS_DOCUMENTED", "CONSENT_GRANTED", "CONSENT_WITHDRAWN");
        assertThat(texts(items, "actor")).containsOnly(INTEGRATOR);
        assertThat(texts(items, "channel")).containsOnly("api");
        assertThat(items.get(0).get("sourceDetail").asText()).isEqualTo("Met at the trade fair");
        assertThat(items.get(2).get("sourceDetail").asText()).isEqualTo("Newsletter box");
        assertThat(items.get(2).get("capturedAt").isNull()).isFalse();
        assertThat(items.get(3).get("sourceId").asText()).isEqualTo("email");
        assertThat(items.get(3).get("reason").asText()).isEqualTo("Unsubscribed");
        Instant registeredAt = Instant.parse(items.get(0).get("recordedAt").asText());
        assertThat(registeredAt).isCloseTo(Instant.now(), within(Duration.ofMinutes(1)));
    }

    @Test
    void aContactPurposeAndSourceMayShareAnId() {
        String id = definePurpose(uniqueId("shared"), true, null);
        Api.Response source = api.post(ADMIN, "/api/v1/sources", "{\"sourceId\":\"" + id + "\",\"name\":\"Shared\"}");
        assertThat(source.status()).as(source.body()).isEqualTo(201);
        registerContact(id);
        Api.Response granted = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + id + "/consents",
                "{\"purposeId\":\"" + id + "\",\"sourceId\":\"" + id + "\"}");
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        JsonNode check = api.get(INTEGRATOR, checkPath(id, id) + "&wait=true").json();
        assertThat(check.get("allowed").asBoolean()).isTrue();
        assertThat(api.post(ADMIN, "/api/v1/sources/" + id + "/retire", "").status())
                .isEqualTo(200);
        assertThat(api.post(ADMIN, "/api/v1/purposes/" + id + "/retire", "{}").status())
                .isEqualTo(200);
    }

    @Test
    void historyIsPagedOldestFirst() {
        String contactId = registerContact(uniqueId("c"));
        grant(contactId, "e-marketing");
        grant(contactId, "e-marketing");
        JsonNode all = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                .json();
        long total = all.get("totalElements").asLong();
        assertThat(all.get("items")).hasSize((int) total);
        assertThat(texts(all.get("items"), "change"))
                .startsWith("CONTACT_REGISTERED")
                .endsWith("CONSENT_GRANTED");

        JsonNode second = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?page=1&size=2")
                .json();
        assertThat(second.get("totalElements").asLong()).isEqualTo(total);
        assertThat(second.get("page").asInt()).isEqualTo(1);
        assertThat(texts(second.get("items"), "sequence")).containsExactly("2", "3");
    }

    @Test
    void keepsTheClaimedCaptureTimeAndRefusesOneInTheFuture() {
        String contactId = registerContact(uniqueId("c"));
        Instant yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Api.Response accepted = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"phone\",\"capturedAt\":\"" + yesterday + "\"}");
        assertThat(accepted.status()).isEqualTo(201);
        JsonNode marketing = find(
                api.get(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                        .json()
                        .get("purposes"),
                "purposeId",
                "e-marketing");
        assertThat(Instant.parse(marketing.get("since").asText())).isEqualTo(yesterday);

        long before = eventsOf(contactId);
        Api.Response future = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"phone\",\"capturedAt\":\""
                        + Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS) + "\"}");
        assertProblem(future, 400, "invalid-request");
        assertThat(future.json().get("errors").get(0).get("field").asText()).isEqualTo("capturedAt");
        assertThat(eventsOf(contactId)).isEqualTo(before);
    }

    @Test
    void consentPastValidUntilIsExpiredAtOnce() {
        String contactId = registerContact(uniqueId("c"));
        Api.Response granted = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"validUntil\":\""
                        + Instant.now().plusSeconds(4).truncatedTo(ChronoUnit.MICROS) + "\"}");
        assertThat(granted.status()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode check = api.get(INTEGRATOR, checkPath(contactId, "e-marketing") + "&wait=true")
                    .json();
            assertThat(check.get("status").asText()).isEqualTo("EXPIRED");
            assertThat(check.get("allowed").asBoolean()).isFalse();
        });
        JsonNode basis = api.get(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-basis")
                .json();
        assertThat(find(basis.get("purposes"), "purposeId", "e-marketing")
                        .get("status")
                        .asText())
                .isEqualTo("EXPIRED");
        assertThat(basis.get("summary").asText())
                .contains("Legitimate interests: Sales and service")
                .doesNotContain("E-marketing");
    }

    @Test
    void listsEveryActivePurposeAndNotRecordedWhereNothingIsKnown() {
        String purposeId = definePurpose(uniqueId("p"), false, null);
        String contactId = registerContact(uniqueId("c"));
        JsonNode basis = api.get(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                .json();
        JsonNode entry = find(basis.get("purposes"), "purposeId", purposeId);
        assertThat(entry.get("status").asText()).isEqualTo("NOT_RECORDED");
        assertThat(entry.get("legalBasis").isNull()).isTrue();
        JsonNode check = api.get(INTEGRATOR, checkPath(contactId, purposeId)).json();
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("status").asText()).isEqualTo("NOT_RECORDED");
    }

    @Test
    void aNewDefaultLegalBasisAppliesToContactsRegisteredAfterIt() {
        String purposeId = definePurpose(uniqueId("p"), false, "CONTRACT");
        String contactId = registerContact(uniqueId("c"));
        JsonNode check = api.get(INTEGRATOR, checkPath(contactId, purposeId) + "&wait=true")
                .json();
        assertThat(check.get("allowed").asBoolean()).isTrue();
        assertThat(check.get("legalBasis").asText()).isEqualTo("CONTRACT");
    }

    @Test
    void adminsNameTheLegalBasesAndTheCardShowsTheNamesOfTheTime() {
        String purposeId = definePurpose(uniqueId("p"), false, null);
        String contactId = registerContact(uniqueId("c"));
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/legal-bases",
                                "{\"purposeId\":\"" + purposeId
                                        + "\",\"legalBasis\":\"PUBLIC_TASK\",\"sourceId\":\"email\"}")
                        .status())
                .isEqualTo(201);
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                        .json()
                        .get("summary")
                        .asText())
                .contains("Public task: Purpose " + purposeId);
        Instant before = lastRecordedAt(contactId);

        String path = "/api/v1/legal-bases/PUBLIC_TASK";
        String body = "{\"name\":\"Task in the public interest\"}";
        assertProblem(api.put(INTEGRATOR, path, body), 403, "forbidden");
        assertField(api.put(ADMIN, path, "{\"name\":\"  \"}"), "name");
        assertProblem(api.put(ADMIN, "/api/v1/legal-bases/NO_SUCH_BASIS", body), 400, "invalid-request");
        assertThat(eventsOf("legal-basis/PUBLIC_TASK")).isZero();
        try {
            Api.Response named = api.put(ADMIN, path, body);
            assertThat(named.status()).as(named.body()).isEqualTo(200);
            assertThat(api.put(ADMIN, path, body).status()).isEqualTo(200);
            assertThat(eventsOf("legal-basis/PUBLIC_TASK"))
                    .as("the same name again records nothing")
                    .isEqualTo(1);

            JsonNode task =
                    find(api.get(AUDITOR, "/api/v1/legal-bases?wait=true").json(), "code", "PUBLIC_TASK");
            assertThat(task.get("name").asText()).isEqualTo("Task in the public interest");
            assertThat(task.get("standardName").asText()).isEqualTo("Public task");
            assertThat(task.get("article").asText()).isEqualTo("Art. 6(1)(e)");
            assertThat(task.get("namedAt").asText()).isNotBlank();
            assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                            .json()
                            .get("summary")
                            .asText())
                    .contains("Task in the public interest: Purpose " + purposeId);
            assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?asOf=" + before)
                            .json()
                            .get("summary")
                            .asText())
                    .as("as of before the naming, the basis had its standard name")
                    .contains("Public task: Purpose " + purposeId);
        } finally {
            assertThat(api.put(ADMIN, path, "{\"name\":\"Public task\"}").status())
                    .isEqualTo(200);
        }
    }

    @Test
    void listsEveryVersionOfAPurpose() {
        String purposeId = definePurpose(uniqueId("p"), true, null);
        assertThat(api.put(
                                ADMIN,
                                "/api/v1/purposes/" + purposeId,
                                "{\"name\":\"Revised\",\"consentText\":\"New wording\",\"requiresConsent\":true,"
                                        + "\"retention\":\"P3Y\"}")
                        .status())
                .isEqualTo(200);
        JsonNode versions = api.get(AUDITOR, "/api/v1/purposes/" + purposeId + "/versions?wait=true")
                .json();
        assertThat(versions).hasSize(2);
        assertThat(versions.get(0).get("version").asInt()).isEqualTo(1);
        assertThat(versions.get(0).get("terms").get("name").asText()).isEqualTo("Purpose " + purposeId);
        assertThat(versions.get(1).get("version").asInt()).isEqualTo(2);
        assertThat(versions.get(1).get("terms").get("consentText").asText()).isEqualTo("New wording");
        assertThat(versions.get(1).get("terms").get("retention").asText()).isEqualTo("P3Y");
        assertThat(versions.get(1).get("validFrom").asText()).isNotBlank();
        assertProblem(api.get(AUDITOR, "/api/v1/purposes/" + uniqueId("nope") + "/versions"), 404, "unknown-purpose");
    }

    @Test
    void documentsAndEndsALegalBasisOtherThanConsent() {
        String purposeId = definePurpose(uniqueId("p"), false, null);
        String contactId = registerContact(uniqueId("c"));
        Api.Response documented = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/legal-bases",
                "{\"purposeId\":\"" + purposeId + "\",\"legalBasis\":\"CONTRACT\",\"sourceId\":\"email\","
                        + "\"note\":\"Order 4711\"}");
        assertThat(documented.status()).isEqualTo(201);
        JsonNode basis = api.get(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                .json();
        assertThat(basis.get("summary").asText()).contains("Contract: Purpose " + purposeId);

        Api.Response ended = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/legal-bases/" + purposeId + "/end",
                "{\"reason\":\"Contract ended\"}");
        assertThat(ended.status()).isEqualTo(200);
        JsonNode check = api.get(INTEGRATOR, checkPath(contactId, purposeId) + "&wait=true")
                .json();
        assertThat(check.get("status").asText()).isEqualTo("ENDED");
        assertThat(check.get("allowed").asBoolean()).isFalse();

        assertProblem(
                api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-bases/" + purposeId + "/end", "{}"),
                409,
                "legal-basis-not-in-force");
    }

    @Test
    void revisingAPurposeKeepsTheVersionEachConsentWasGivenUnder() {
        String purposeId = definePurpose(uniqueId("p"), true, null);
        String first = registerContact(uniqueId("c"));
        grant(first, purposeId);

        Api.Response revised = api.put(
                ADMIN,
                "/api/v1/purposes/" + purposeId,
                "{\"name\":\"Revised " + purposeId + "\",\"consentText\":\"New wording\",\"requiresConsent\":true}");
        assertThat(revised.status()).isEqualTo(200);
        String second = registerContact(uniqueId("c"));
        grant(second, purposeId);

        JsonNode firstEntry = find(
                api.get(AUDITOR, "/api/v1/contacts/" + first + "/legal-basis?wait=true")
                        .json()
                        .get("purposes"),
                "purposeId",
                purposeId);
        assertThat(firstEntry.get("purposeVersion").asInt()).isEqualTo(1);
        assertThat(firstEntry.get("purposeName").asText()).isEqualTo("Revised " + purposeId);
        JsonNode secondEntry = find(
                api.get(AUDITOR, "/api/v1/contacts/" + second + "/legal-basis?wait=true")
                        .json()
                        .get("purposes"),
                "purposeId",
                purposeId);
        assertThat(secondEntry.get("purposeVersion").asInt()).isEqualTo(2);
        JsonNode purpose = find(api.get(AUDITOR, "/api/v1/purposes?wait=true").json(), "purposeId", purposeId);
        assertThat(purpose.get("version").asInt()).isEqualTo(2);
        assertThat(purpose.get("consentText").asText()).isEqualTo("New wording");
    }

    @Test
    void aRetiredPurposeTakesNoNewConsentsButStillAcceptsWithdrawals() {
        String purposeId = definePurpose(uniqueId("p"), true, null);
        String contactId = registerContact(uniqueId("c"));
        grant(contactId, purposeId);
        assertThat(api.post(ADMIN, "/api/v1/purposes/" + purposeId + "/retire", "{\"reason\":\"Campaign over\"}")
                        .status())
                .isEqualTo(200);

        String other = registerContact(uniqueId("c"));
        assertProblem(
                api.post(
                        INTEGRATOR,
                        "/api/v1/contacts/" + other + "/consents",
                        "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"web-form\"}"),
                409,
                "purpose-retired");
        Api.Response checked = api.get(INTEGRATOR, checkPath(contactId, purposeId) + "&wait=true");
        assertThat(checked.status()).as(checked.body()).isEqualTo(200);
        assertThat(checked.json().get("allowed").asBoolean()).isFalse();
        assertThat(checked.json().get("reason").asText()).isEqualTo("The purpose is retired.");
        assertThat(texts(
                        api.get(INTEGRATOR, "/api/v1/contacts/" + contactId + "/legal-basis")
                                .json()
                                .get("purposes"),
                        "purposeId"))
                .doesNotContain(purposeId);
        assertThat(texts(api.get(ADMIN, "/api/v1/purposes").json(), "purposeId"))
                .doesNotContain(purposeId);
        assertThat(texts(api.get(ADMIN, "/api/v1/purposes?includeRetired=true").json(), "purposeId"))
                .contains(purposeId);

        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/consents/" + purposeId + "/withdrawal",
                                "{\"sourceId\":\"email\"}")
                        .status())
                .isEqualTo(200);
        assertProblem(api.post(ADMIN, "/api/v1/purposes/" + purposeId + "/retire", "{}"), 409, "purpose-retired");
    }

    @Test
    void aRetiredSourceTakesNoNewRecords() {
        String sourceId = uniqueId("s");
        assertThat(api.post(
                                ADMIN,
                                "/api/v1/sources",
                                "{\"sourceId\":\"" + sourceId + "\",\"name\":\"Fair 2026\",\"sendConfirmation\":true}")
                        .status())
                .isEqualTo(201);
        JsonNode defined = find(api.get(ADMIN, "/api/v1/sources?wait=true").json(), "sourceId", sourceId);
        assertThat(defined.get("sendConfirmation").asBoolean()).isTrue();
        assertThat(find(api.get(ADMIN, "/api/v1/sources").json(), "sourceId", "import")
                        .get("sendConfirmation")
                        .asBoolean())
                .isFalse();
        assertThat(api.post(ADMIN, "/api/v1/sources/" + sourceId + "/retire", "")
                        .status())
                .isEqualTo(200);
        assertProblem(
                api.post(
                        INTEGRATOR,
                        "/api/v1/contacts",
                        "{\"contactId\":\"" + uniqueId("c") + "\",\"name\":\"Bo\",\"email\":\"bo@example.com\","
                                + "\"sourceId\":\"" + sourceId + "\"}"),
                409,
                "source-retired");
        assertThat(texts(
                        api.get(ADMIN, "/api/v1/sources?includeRetired=true&wait=true")
                                .json(),
                        "sourceId"))
                .contains(sourceId);
        assertThat(texts(api.get(ADMIN, "/api/v1/sources").json(), "sourceId")).doesNotContain(sourceId);
    }

    @Test
    void rejectsWhatTheRulesForbidAndRecordsNothing() {
        String contactId = registerContact(uniqueId("c"));
        long before = allEvents();

        assertProblem(
                api.post(INTEGRATOR, "/api/v1/contacts", registration(contactId)), 409, "contact-already-registered");
        assertProblem(
                api.post(
                        INTEGRATOR,
                        "/api/v1/contacts/" + uniqueId("nobody") + "/consents",
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}"),
                404,
                "unknown-contact");
        assertProblem(
                api.post(
                        INTEGRATOR,
                        "/api/v1/contacts/" + contactId + "/consents",
                        "{\"purposeId\":\"no-such-purpose\",\"sourceId\":\"web-form\"}"),
                404,
                "unknown-purpose");
        assertProblem(
                api.post(
                        INTEGRATOR,
                        "/api/v1/contacts/" + contactId + "/consents",
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"no-such-source\"}"),
                404,
                "unknown-source");
        assertProblem(
                api.post(
                        INTEGRATOR,
                        "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                        "{\"sourceId\":\"email\"}"),
                409,
                "consent-not-granted");
        assertProblem(
                api.post(
                        INTEGRATOR,
                        "/api/v1/contacts/" + contactId + "/legal-bases",
                        "{\"purposeId\":\"e-marketing\",\"legalBasis\":\"LEGITIMATE_INTERESTS\",\"sourceId\":\"email\"}"),
                409,
                "consent-required");
        Api.Response consentAsDocumented = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/legal-bases",
                "{\"purposeId\":\"sales-and-service\",\"legalBasis\":\"CONSENT\",\"sourceId\":\"email\"}");
        assertProblem(consentAsDocumented, 400, "invalid-request");
        assertThat(consentAsDocumented.json().get("field").asText()).isEqualTo("legalBasis");
        assertProblem(
                api.post(
                        ADMIN,
                        "/api/v1/purposes",
                        "{\"purposeId\":\"e-marketing\",\"name\":\"Again\",\"requiresConsent\":true}"),
                409,
                "purpose-already-defined");
        assertProblem(
                api.post(ADMIN, "/api/v1/sources", "{\"sourceId\":\"email\",\"name\":\"Again\"}"),
                409,
                "source-already-defined");
        assertProblem(
                api.put(ADMIN, "/api/v1/purposes/" + uniqueId("nope"), "{\"name\":\"X\"}"), 404, "unknown-purpose");
        assertProblem(api.post(ADMIN, "/api/v1/sources/" + uniqueId("nope") + "/retire", ""), 404, "unknown-source");
        assertProblem(
                api.get(INTEGRATOR, "/api/v1/contacts/" + uniqueId("nobody") + "/legal-basis"), 404, "unknown-contact");
        assertProblem(
                api.get(INTEGRATOR, "/api/v1/contacts/" + uniqueId("nobody") + "/history"), 404, "unknown-contact");
        assertProblem(api.get(INTEGRATOR, checkPath(uniqueId("nobody"), "e-marketing")), 404, "unknown-contact");
        assertProblem(api.get(INTEGRATOR, checkPath(contactId, "no-such-purpose")), 404, "unknown-purpose");

        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void namesEveryInvalidFieldAndRecordsNothing() {
        long before = allEvents();
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts",
                "{\"contactId\":\"has space\",\"name\":\"\",\"email\":\"not-an-email\",\"sourceId\":\"Web Form\","
                        + "\"sourceDetail\":\"" + "x".repeat(501) + "\",\"locale\":\"fr\"}");
        assertProblem(response, 400, "invalid-request");
        assertThat(texts(response.json().get("errors"), "field"))
                .containsExactlyInAnyOrder("contactId", "email", "locale", "name", "sourceDetail", "sourceId");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void refusesFieldsTheClientMayNotSetSuchAsTheActor() {
        String contactId = uniqueId("c");
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts",
                "{\"contactId\":\"" + contactId + "\",\"name\":\"Ann\",\"email\":\"ann@example.com\","
                        + "\"sourceId\":\"email\",\"actor\":\"someone-else\"}");
        assertProblem(response, 400, "invalid-request");
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("actor");
        assertThat(eventsOf(contactId)).isZero();
    }

    @Test
    void answersMalformedAndMistypedInputWith4xxNever500() {
        String contactId = registerContact(uniqueId("c"));
        String consents = "/api/v1/contacts/" + contactId + "/consents";
        assertProblem(api.post(INTEGRATOR, consents, "{\"purposeId\":"), 400, "malformed-request");
        assertProblem(api.post(INTEGRATOR, consents, "[1,2]"), 400, "malformed-request");
        assertProblem(api.post(INTEGRATOR, consents, ""), 400, "malformed-request");
        assertField(
                api.post(
                        INTEGRATOR,
                        consents,
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"capturedAt\":12}"),
                "capturedAt");
        assertField(
                api.post(
                        INTEGRATOR,
                        consents,
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"capturedAt\":\"yesterday\"}"),
                "capturedAt");
        assertField(
                api.post(
                        INTEGRATOR,
                        consents,
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"evidence\":\"text\"}"),
                "evidence");
        assertField(
                api.post(
                        INTEGRATOR,
                        consents,
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"evidence\":{\"ipAddress\":\"x y\"}}"),
                "evidence.ipAddress");
        assertField(
                api.post(
                        INTEGRATOR,
                        "/api/v1/contacts/" + contactId + "/legal-bases",
                        "{\"purposeId\":\"sales-and-service\",\"legalBasis\":\"FRIENDSHIP\",\"sourceId\":\"email\"}"),
                "legalBasis");
        assertField(
                api.post(
                        ADMIN,
                        "/api/v1/purposes",
                        "{\"purposeId\":\"" + uniqueId("p") + "\",\"name\":\"X\",\"requiresConsent\":\"yes\"}"),
                "requiresConsent");
        assertField(
                api.post(
                        ADMIN,
                        "/api/v1/purposes",
                        "{\"purposeId\":\"" + uniqueId("p") + "\",\"name\":\"X\",\"retention\":\"two years\"}"),
                "retention");
        assertField(
                api.post(
                        ADMIN,
                        "/api/v1/purposes",
                        "{\"purposeId\":\"" + uniqueId("p") + "\",\"name\":\"" + "n".repeat(201) + "\"}"),
                "name");
        assertField(
                api.put(
                        ADMIN,
                        "/api/v1/purposes/e-marketing",
                        "{\"purposeId\":\"other\",\"name\":\"E-marketing\",\"requiresConsent\":true}"),
                "purposeId");
        assertField(api.get(INTEGRATOR, "/api/v1/contacts/" + contactId + "/history?size=0"), "size");
        assertField(api.get(INTEGRATOR, "/api/v1/contacts/" + contactId + "/history?page=x"), "page");
        assertField(api.get(INTEGRATOR, "/api/v1/consents/check?contactId=" + contactId), "purposeId");
        assertField(api.get(INTEGRATOR, "/api/v1/contacts/bad%20id/legal-basis"), "contactId");

        Api.Response tooLarge = api.post(
                INTEGRATOR,
                consents,
                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"evidence\":{\"text\":\""
                        + "x".repeat(70_000) + "\"}}");
        assertProblem(tooLarge, 413, "payload-too-large");

        Api.Response textPlain = api.send(api.request(INTEGRATOR, consents)
                .header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("hello"))
                .build());
        assertProblem(textPlain, 415, "unsupported-media-type");
        assertProblem(api.send(api.request(INTEGRATOR, consents).DELETE().build()), 405, "method-not-allowed");
        assertProblem(api.get(INTEGRATOR, "/api/v1/nothing-here"), 404, "not-found");
        assertThat(eventsOf(contactId)).isEqualTo(2);
    }

    @Test
    void eachRoleMayDoOnlyItsOwnWork() {
        String purposeId = uniqueId("p");
        String purposeBody = "{\"purposeId\":\"" + purposeId + "\",\"name\":\"Events\",\"requiresConsent\":true}";
        assertProblem(api.post(INTEGRATOR, "/api/v1/purposes", purposeBody), 403, "forbidden");
        assertProblem(api.post(AUDITOR, "/api/v1/purposes", purposeBody), 403, "forbidden");
        assertThat(api.post(ADMIN, "/api/v1/purposes", purposeBody).status()).isEqualTo(201);
        assertProblem(api.post(INTEGRATOR, "/api/v1/sources/email/retire", ""), 403, "forbidden");

        String contactId = uniqueId("c");
        assertProblem(api.post(AUDITOR, "/api/v1/contacts", registration(contactId)), 403, "forbidden");
        assertThat(eventsOf(contactId)).isZero();
        registerContact(contactId);
        assertProblem(
                api.post(
                        AUDITOR,
                        "/api/v1/contacts/" + contactId + "/consents",
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}"),
                403,
                "forbidden");
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                        .status())
                .isEqualTo(200);
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                        .status())
                .isEqualTo(200);
        assertThat(api.get(AUDITOR, checkPath(contactId, "e-marketing")).status())
                .isEqualTo(200);

        Api.Response anonymous = api.get(null, "/api/v1/purposes");
        assertProblem(anonymous, 401, "unauthorized");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        Api.Response wrongPassword = api.send(api.request(null, "/api/v1/purposes")
                .header("Authorization", Api.basic(ADMIN, "wrong"))
                .GET()
                .build());
        assertProblem(wrongPassword, 401, "unauthorized");
    }

    @Test
    void answersARepeatedIdempotencyKeyWithTheFirstResponseAndRecordsOnce() {
        String contactId = uniqueId("c");
        Map<String, String> key = Map.of("Idempotency-Key", uniqueId("key"));
        Api.Response first = api.post(INTEGRATOR, "/api/v1/contacts", registration(contactId), key);
        Api.Response again = api.post(INTEGRATOR, "/api/v1/contacts", registration(contactId), key);
        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(again.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(eventsOf(contactId)).isEqualTo(2);

        String otherId = uniqueId("c");
        assertProblem(
                api.post(INTEGRATOR, "/api/v1/contacts", registration(otherId), key), 422, "idempotency-key-reused");
        assertThat(eventsOf(otherId)).isZero();

        Map<String, String> grantKey = Map.of("Idempotency-Key", uniqueId("key"));
        String grant = "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}";
        for (int i = 0; i < 3; i++) {
            assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", grant, grantKey)
                            .status())
                    .isEqualTo(201);
        }
        assertThat(eventsOf(contactId)).isEqualTo(3);
        assertProblem(
                api.post(INTEGRATOR, "/api/v1/contacts", registration(uniqueId("c")), Map.of("Idempotency-Key", "")),
                400,
                "invalid-request");
    }

    @Test
    void describesTheApiInOpenApi() {
        Api.Response docs = api.get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        JsonNode paths = docs.json().get("paths");
        assertThat(paths.has("/api/v1/contacts/{contactId}/consents")).isTrue();
        assertThat(paths.has("/api/v1/consents/check")).isTrue();
        assertThat(paths.has("/api/v1/purposes/{purposeId}/retire")).isTrue();
        assertThat(paths.has("/api/v1/legal-bases/{legalBasis}")).isTrue();
        assertThat(paths.has("/api/v1/purposes/{purposeId}/versions")).isTrue();
        assertThat(paths.has("/api/v1/audit/changes")).isTrue();
        paths.fieldNames()
                .forEachRemaining(
                        path -> assertThat(path).as("only the API is described").startsWith("/api/"));
        JsonNode grant = paths.get("/api/v1/contacts/{contactId}/consents").get("post");
        assertThat(grant.get("responses").get("201").toString()).contains("#/components/schemas/Receipt");
        assertThat(grant.get("responses").get("default").toString()).contains("application/problem+json");
        assertThat(texts(grant.get("parameters"), "name")).contains("Idempotency-Key");
        assertThat(docs.json().get("components").get("securitySchemes").has("basic"))
                .isTrue();
    }

    private String definePurpose(String purposeId, boolean requiresConsent, String defaultLegalBasis) {
        String body = "{\"purposeId\":\"" + purposeId + "\",\"name\":\"Purpose " + purposeId + "\",\"requiresConsent\":"
                + requiresConsent
                + (defaultLegalBasis == null ? "" : ",\"defaultLegalBasis\":\"" + defaultLegalBasis + "\"")
                + ",\"retention\":\"P1Y\"}";
        Api.Response response = api.post(ADMIN, "/api/v1/purposes", body);
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/v1/purposes/" + purposeId);
        return purposeId;
    }

    private static String registration(String contactId) {
        return "{\"contactId\":\"" + contactId + "\",\"name\":\"Ann\",\"email\":\"ann@example.com\","
                + "\"sourceId\":\"import\"}";
    }

    private static String checkPath(String contactId, String purposeId) {
        return "/api/v1/consents/check?contactId=" + contactId + "&purposeId=" + purposeId;
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo(PROBLEM + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.consentledger");
    }

    private static void assertField(Api.Response response, String field) {
        assertProblem(response, 400, "invalid-request");
        assertThat(texts(response.json().get("errors"), "field")).contains(field);
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode node : array) {
            if (value.equals(node.get(field).asText())) {
                return node;
            }
        }
        throw new AssertionError("No element with " + field + "=" + value + " in " + array);
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.get(field).asText()));
        return values;
    }

    private static org.assertj.core.data.TemporalUnitOffset within(Duration duration) {
        return new org.assertj.core.data.TemporalUnitWithinOffset(duration.toSeconds(), ChronoUnit.SECONDS);
    }
}
