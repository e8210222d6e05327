package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.api.source.SourceDefined;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.BadInputCorpus;
import io.consentledger.app.support.BadInputCorpus.BadRequest;
import io.consentledger.app.support.FormClient;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.RawHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;

/**
 * Hostile and malformed requests, as an outsider sends them: strict JSON, text and times the ledger cannot store and
 * read back, invalid paths and parameters, and what the servlet container and the security firewall refuse. Every
 * refusal is an RFC 9457 problem with a stable type, none is a 5xx, and none records anything.
 */
abstract class HostileInputContract extends LedgerTest {

    private static final String PROBLEM = "urn:consent-ledger:problem:";

    private RawHttp raw;

    @Autowired
    @Qualifier("serializer")
    private Serializer axonSerializer;

    @BeforeEach
    void rawClient() {
        raw = new RawHttp(port());
    }

    @Test
    void refusesADuplicateKeyAndNamesItInsteadOfAnswering500() {
        long before = allEvents();
        assertField(
                api.post(ADMIN, "/api/v1/purposes/e-marketing/retire", "{\"reason\":\"a\",\"reason\":\"b\"}"),
                "reason",
                "appears more than once");
        String contactId = uniqueId("dup");
        assertField(
                api.post(INTEGRATOR, "/api/v1/contacts", """
                        {"contactId":"%s","name":"Ann","email":"ann@example.com","sourceId":"import",
                         "sourceId":"email"}""".formatted(contactId)),
                "sourceId",
                "appears more than once");
        String registered = registerContact(uniqueId("dup"));
        assertField(
                api.post(INTEGRATOR, "/api/v1/contacts/" + registered + "/consents", """
                        {"purposeId":"e-marketing","sourceId":"web-form","evidence":{"text":"a","text":"b"}}"""),
                "evidence.text",
                "appears more than once");
        assertThat(allEvents()).isEqualTo(before + 2);
        assertThat(eventsOf(contactId)).isZero();
    }

    @Test
    void refusesScalarsOfTheWrongTypeInsteadOfCoercingThem() {
        String contactId = registerContact(uniqueId("types"));
        long before = allEvents();
        String consents = "/api/v1/contacts/" + contactId + "/consents";
        assertField(api.post(INTEGRATOR, consents, "{\"purposeId\":123,\"sourceId\":\"web-form\"}"), "purposeId");
        assertField(api.post(INTEGRATOR, consents, "{\"purposeId\":true,\"sourceId\":\"web-form\"}"), "purposeId");
        assertField(api.post(INTEGRATOR, consents, "{\"purposeId\":1.5,\"sourceId\":\"web-form\"}"), "purposeId");
        assertField(
                api.post(
                        INTEGRATOR,
                        consents,
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"confirmBy\":0}"),
                "confirmBy",
                "must be one of email");
        assertField(
                api.post(
                        INTEGRATOR,
                        consents,
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"evidence\":\"\"}"),
                "evidence");
        assertField(
                api.post(
                        INTEGRATOR,
                        consents,
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"capturedAt\":\"\"}"),
                "capturedAt");
        assertField(
                api.post(ADMIN, "/api/v1/purposes", """
                        {"purposeId":"%s","name":"X","requiresConsent":1}""".formatted(uniqueId("p"))),
                "requiresConsent",
                "must be true or false");
        assertField(api.post(ADMIN, "/api/v1/purposes", """
                        {"purposeId":"%s","name":"X","requiresConsent":"true"}""".formatted(uniqueId("p"))), "requiresConsent");
        assertField(api.post(ADMIN, "/api/v1/purposes", """
                        {"purposeId":"%s","name":"X","defaultLegalBasis":1}""".formatted(uniqueId("p"))), "defaultLegalBasis");
        assertField(api.post(ADMIN, "/api/v1/purposes", """
                        {"purposeId":"%s","name":"X","retention":""}""".formatted(uniqueId("p"))), "retention");
        assertField(
                api.post(ADMIN, "/api/v1/retention/erasures", "{\"contactIds\":\"" + contactId + "\"}"), "contactIds");
        Api.Response trailing =
                api.post(INTEGRATOR, consents, "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"} {}");
        assertProblem(trailing, 400, "malformed-request");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void refusesTextThatCannotBeStoredAndReadBackExactlyAndNamesTheField() {
        long before = allEvents();
        Map<String, String> hostile = Map.of(
                "NUL", "Ann\\u0000Smith",
                "a C0 control", "Ann\\u0007",
                "a C1 control", "Ann\\u0085",
                "DEL", "Ann\\u007f",
                "a lone high surrogate", "Ann\\ud800",
                "a lone low surrogate", "\\udc00Ann",
                "a noncharacter", "Ann\\ufffe",
                "a noncharacter of plane 16", "Ann\\udbff\\udfff",
                "a line break in a name", "Ann\\nSmith",
                "a tab in a name", "Ann\\tSmith");
        hostile.forEach((what, name) -> {
            String contactId = uniqueId("text");
            Api.Response response = api.post(INTEGRATOR, "/api/v1/contacts", """
                    {"contactId":"%s","name":"%s","email":"ann@example.com","sourceId":"import"}""".formatted(contactId, name));
            assertThat(response.status()).as(what).isEqualTo(400);
            assertField(response, "name");
            assertThat(eventsOf(contactId)).as(what).isZero();
        });
        assertField(api.post(ADMIN, "/api/v1/purposes", """
                        {"purposeId":"%s","name":"Events\\u0000","requiresConsent":true}""".formatted(uniqueId("p"))), "name");
        assertField(api.post(ADMIN, "/api/v1/purposes", """
                        {"purposeId":"%s","name":"Events","description":"a\\u0000b"}""".formatted(uniqueId("p"))), "description");
        String contactId = registerContact(uniqueId("text"));
        long withContact = allEvents();
        assertField(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", """
                        {"purposeId":"e-marketing","sourceId":"web-form","sourceDetail":"Stand\\n12"}"""), "sourceDetail");
        assertField(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", """
                        {"purposeId":"e-marketing","sourceId":"web-form","evidence":{"userAgent":"a\\u0001"}}"""), "evidence.userAgent");
        assertField(api.put(ADMIN, "/api/v1/legal-bases/CONTRACT", "{\"name\":\"Contract\\r\\n\"}"), "name");
        assertThat(allEvents()).isEqualTo(withContact);
        assertThat(withContact).isEqualTo(before + eventsOf(contactId));

        // Free text keeps its tabs and line breaks, and reads back exactly as sent.
        String reason = "Asked by phone:\n\tno more newsletters.\r\nThanks — Søren 😀";
        grant(contactId, "e-marketing");
        Api.Response withdrawn = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                "{\"sourceId\":\"email\",\"reason\":" + json(reason) + "}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        JsonNode newest = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?order=desc&size=1&wait=true")
                .json()
                .get("items")
                .get(0);
        assertThat(newest.get("change").asText()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(newest.get("reason").asText()).isEqualTo(reason);
    }

    @Test
    void refusesTimesAndPeriodsTheLedgerCannotKeep() {
        String contactId = registerContact(uniqueId("time"));
        long before = allEvents();
        String consents = "/api/v1/contacts/" + contactId + "/consents";
        for (String capturedAt : List.of(
                "1899-12-31T23:59:59Z",
                "0001-01-01T00:00:00Z",
                "2026-01-01T00:00:00.0000001Z",
                "2026-01-01T00:00:00")) {
            assertField(api.post(INTEGRATOR, consents, """
                            {"purposeId":"e-marketing","sourceId":"web-form","capturedAt":"%s"}""".formatted(capturedAt)), "capturedAt");
        }
        assertField(api.post(INTEGRATOR, consents, """
                        {"purposeId":"e-marketing","sourceId":"web-form","validUntil":"+10000-01-01T00:00:00Z"}"""), "validUntil");
        for (String retention : List.of("P999999999Y", "P101Y", "-P1Y", "P1Y-1M", "P36526D", "two years")) {
            assertField(
                    api.post(ADMIN, "/api/v1/purposes", """
                            {"purposeId":"%s","name":"X","retention":"%s"}""".formatted(uniqueId("p"), retention)),
                    "retention",
                    "at most P100Y");
        }
        assertThat(allEvents()).isEqualTo(before);
        Api.Response microseconds = api.post(INTEGRATOR, consents, """
                {"purposeId":"e-marketing","sourceId":"web-form","capturedAt":"2026-01-01T00:00:00.123456Z"}""");
        assertThat(microseconds.status()).as(microseconds.body()).isEqualTo(201);

        for (String asOf : List.of("1800-01-01T00:00:00Z", "%2B10000-01-01T00:00:00Z", "2026-01-01T00:00:00")) {
            assertField(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?asOf=" + asOf), "asOf");
            assertField(api.get(AUDITOR, "/api/v1/audit/changes?from=" + asOf), "from");
        }
        assertThat(api.get(AUDITOR, "/api/v1/audit/changes?size=1&from=2026-01-01T00:00:00.123456789Z")
                        .status())
                .as("a time that is only compared keeps its nanoseconds, as the ledger's own event times have them")
                .isEqualTo(200);
        assertThat(api.get(AUDITOR, "/api/v1/audit/changes?from=&size=1").status())
                .as("an empty time is no filter")
                .isEqualTo(200);
    }

    @Test
    void refusesUnstorableQueryTextInsteadOfFailingInTheDatabase() {
        assertField(api.get(AUDITOR, "/api/v1/contacts?search=%00"), "search");
        assertField(api.get(AUDITOR, "/api/v1/contacts?search=a%0Ab"), "search");
        assertField(api.get(AUDITOR, "/api/v1/audit/changes?actor=%01"), "actor");
        RawHttp.Response undecodable = raw.send(
                "GET",
                "/api/v1/contacts?search=%ZZ",
                Map.of("Authorization", Api.basic("auditor", "auditor-secret")),
                null);
        assertRawProblem(undecodable, 400, "malformed-request");
    }

    @Test
    void answersInvalidPathVariablesAndParametersWithAProblemNever500() {
        long before = allEvents();
        assertField(api.put(ADMIN, "/api/v1/legal-bases/%20", "{\"name\":\"X\"}"), "legalBasis");
        assertField(api.put(ADMIN, "/api/v1/legal-bases/consent", "{\"name\":\"X\"}"), "legalBasis");
        assertField(api.post(ADMIN, "/api/v1/retention/erasures", "{\"contactIds\":[null]}"), "contactIds[0]");
        assertField(api.post(ADMIN, "/api/v1/retention/erasures", "{\"contactIds\":[\"a b\"]}"), "contactIds[0]");
        assertField(
                api.post(INTEGRATOR, "/api/v1/contacts", "{}", Map.of("Idempotency-Key", "a b")), "Idempotency-Key");
        assertThat(api.get(AUDITOR, "/api/v1/retention/due?page=2147483647&size=500")
                        .status())
                .as("the last page there can be is empty, not an overflow")
                .isEqualTo(200);
        assertField(api.get(AUDITOR, "/api/v1/retention/due?page=2147483648"), "page");
        assertField(api.get(AUDITOR, "/api/v1/contacts?size=1.5"), "size");
        assertField(api.get(AUDITOR, "/api/v1/audit/changes?change=consent_granted"), "change");
        assertThat(allEvents()).isEqualTo(before);
    }

    @Test
    void answersWhatTomcatAndTheFirewallRefuseWithAProblem() {
        Map<String, String> auditor = Map.of("Authorization", Api.basic("auditor", "auditor-secret"));
        for (String target : List.of(
                "/api/v1/contacts/a%2Fb",
                "/api/v1/contacts/a%00b",
                "/api/v1/contacts/a%5Cb",
                "/api/v1/contacts/%ZZ",
                "/api/v1/contacts/%C3%28",
                "/api/v1/contacts/a/../b",
                "/api/v1//contacts",
                "/api/v1/contacts;jsessionid=x",
                "/api/v1/contacts/%25",
                "/api/v1/purposes?x=a|b",
                "/contacts/a%2Fb")) {
            assertRawProblem(raw.send("GET", target, auditor, null), 400, "malformed-request");
        }
        assertRawProblem(
                raw.exchange(latin1("GET /api/v1/purposes HTTP/1.1\r\nHost: localhost\r\nX-Bad: a\u0001b\r\n"
                        + "Connection: close\r\n\r\n")),
                400,
                "malformed-request");
        assertRawProblem(
                raw.exchange(latin1("GET /api/v1/pur poses HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")),
                400,
                "malformed-request");
        assertRawProblem(
                raw.exchange(latin1("G@T /api/v1/purposes HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")),
                400,
                "malformed-request");
        assertRawProblem(
                raw.exchange(latin1("GET /api/v1/purposes HTTP/1.1\r\nConnection: close\r\n\r\n")),
                400,
                "malformed-request");
        assertRawProblem(
                raw.exchange(latin1("POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Length: x\r\n"
                        + "Connection: close\r\n\r\n")),
                400,
                "malformed-request");
        long before = allEvents();
        assertRawProblem(
                raw.exchange(latin1("POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\n"
                        + "Authorization: " + Api.basic("crm-sync", "crm-secret") + "\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                        + "zz\r\n{}\r\n0\r\n\r\n")),
                400,
                "malformed-request");
        assertThat(allEvents()).isEqualTo(before);
        RawHttp.Response version =
                raw.exchange(latin1("GET /api/v1/purposes HTTP/9.9\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
        assertThat(version.status()).isEqualTo(505);
        assertThat(version.isProblem()).as(version.body()).isTrue();
        assertThat(version.json().get("type").asText()).isEqualTo(PROBLEM + "malformed-request");
    }

    @Test
    void answersApiClientsWithAProblemAndBrowsersWithThePageWhateverTheyAccept() throws Exception {
        Api.Response unknown = api.send(api.request(AUDITOR, "/api/v1/nothing-here")
                .header("Accept", "text/html")
                .GET()
                .build());
        assertProblem(unknown, 404, "not-found");
        RawHttp.Response apiFromBrowser = raw.send(
                "GET",
                "/api/v1/contacts?search=%ZZ",
                Map.of("Authorization", Api.basic("auditor", "auditor-secret"), "Accept", "text/html"),
                null);
        assertRawProblem(apiFromBrowser, 400, "malformed-request");

        FormClient browser = signedIn("auditor", "auditor-secret");
        HttpResponse<String> page = browser.get("/contacts/" + uniqueId("nobody"), "en");
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        HttpResponse<String> mistyped = browser.get("/contacts/" + uniqueId("nobody") + "?historyPage=x", "en");
        assertThat(mistyped.statusCode()).isEqualTo(400);
        assertThat(mistyped.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        RawHttp.Response broken = raw.send("GET", "/audit?from=%ZZ", Map.of("Accept", "text/html"), null);
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.contentType()).startsWith("text/html");
        assertThat(broken.body()).doesNotContain("Exception").doesNotContain("Whitelabel");
    }

    @Test
    void theBackOfficeRefusesUnstorableTextInItsFormsAndRecordsNothing() throws Exception {
        long before = allEvents();
        FormClient browser = signedIn("admin", "admin-secret");
        String contactId = uniqueId("form");
        HttpResponse<String> home = browser.get("/", "en");
        HttpResponse<String> refused = browser.post(
                "/contacts",
                FormClient.csrf(home),
                form(Map.of(
                        "contactId", contactId,
                        "name", "Ann\u0000Smith",
                        "email", "ann@example.com",
                        "sourceId", "import",
                        "sourceDetail", "Stand 12",
                        "locale", "")));
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("one line of text without control characters");
        assertThat(eventsOf(contactId)).isZero();

        HttpResponse<String> settings = browser.get("/settings", "en");
        HttpResponse<String> purpose = browser.post(
                "/settings/purposes",
                FormClient.csrf(settings),
                form(Map.of(
                                "purposeId", uniqueId("p"),
                                "name", "Events",
                                "description", "Invitations\u0007",
                                "consentText", "",
                                "privacyNoticeUrl", "",
                                "defaultLegalBasis", "",
                                "retention", "P999999999Y"))
                        + "&_requiresConsent=on&_doubleOptIn=on&_sendConfirmation=on");
        assertThat(purpose.statusCode()).isEqualTo(200);
        assertThat(purpose.body()).contains("without control characters").contains("at most P100Y");
        HttpResponse<String> crafted = browser.post(
                "/settings/purposes",
                FormClient.csrf(settings),
                form(Map.of("purposeId", uniqueId("p"), "name", "Events", "retention", "P1Y")));
        assertThat(FormClient.location(crafted))
                .as("a form without its checkboxes is refused, not a 500")
                .endsWith("/settings");
        HttpResponse<String> named = browser.post(
                "/settings/legal-bases/CONTRACT", FormClient.csrf(settings), form(Map.of("name", "Contract\u001b")));
        assertThat(FormClient.location(named)).contains("/settings#basis-CONTRACT");
        assertThat(allEvents()).isEqualTo(before);

        String registered = registerContact(uniqueId("form"));
        long withContact = allEvents();
        HttpResponse<String> card = browser.get("/contacts/" + registered, "en");
        HttpResponse<String> withdraw = browser.post(
                "/contacts/" + registered + "/consents/e-marketing/withdrawal",
                FormClient.csrf(card),
                form(Map.of("sourceId", "email", "reason", "a\u0000b")));
        assertThat(FormClient.location(withdraw)).contains("/contacts/" + registered);
        HttpResponse<String> grant = browser.post(
                "/contacts/" + registered + "/consents",
                FormClient.csrf(card),
                form(Map.of("purposeId", "e-marketing\u0000", "sourceId", "web-form", "sourceDetail", "")));
        assertThat(FormClient.location(grant)).contains("/contacts/" + registered);
        assertThat(allEvents()).isEqualTo(withContact);

        HttpResponse<String> search = browser.post("/search", FormClient.csrf(home), "q=Ann%00");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("Search for text on one line");

        FormClient auditor = signedIn("auditor", "auditor-secret");
        HttpResponse<String> filtered = auditor.get("/audit?actor=%01&contactId=%00&from=1800-01-01T00:00", "en");
        assertThat(filtered.statusCode()).isEqualTo(200);
        assertThat(filtered.body())
                .contains("Enter a user name on one line")
                .contains("Enter the contact id as the CRM knows it.")
                .contains("Enter a date and time from 1900 to 9999");
    }

    @Test
    void storedEventsAreReadWithoutTheRulesOfTheApi() {
        // What the API now refuses may already be in the event store: Axon's serializer must still read it.
        ObjectMapper events = ((JacksonSerializer) axonSerializer).getObjectMapper();
        SourceDefined stored = readEvent(events, """
                {"sourceId":"fair","name":"Trade\\u0000fair","description":"\\ud800","sendConfirmation":true,
                 "confirmationTemplate":null}""");
        assertThat(stored.name()).isEqualTo("Trade\u0000fair");
    }

    @Test
    void walksEveryOperationOfTheOpenApiDescriptionWithBadInputAndRefusesEachWithAProblem() {
        String contactId = registerContact(uniqueId("corpus"));
        String purposeId = uniqueId("corpus");
        assertThat(api.post(ADMIN, "/api/v1/purposes", """
                                {"purposeId":"%s","name":"Corpus","requiresConsent":true}""".formatted(purposeId)).status())
                .isEqualTo(201);
        String sourceId = uniqueId("corpus");
        assertThat(api.post(ADMIN, "/api/v1/sources", """
                                {"sourceId":"%s","name":"Corpus"}""".formatted(sourceId)).status())
                .isEqualTo(201);
        JsonNode docs = api.get(null, "/v3/api-docs").json();
        Set<String> freshIds = new HashSet<>();
        BadInputCorpus corpus =
                new BadInputCorpus(docs, new BadInputCorpus.Ids(contactId, purposeId, sourceId), freshIds);
        List<BadRequest> cases = corpus.all();
        long before = allEvents();

        List<String> failures = new ArrayList<>();
        for (BadRequest bad : cases) {
            Map<String, String> headers = new HashMap<>(bad.headers());
            // Reads as the auditor, except the webhooks', which only admins may read.
            boolean read = bad.method().equals("GET") && !bad.path().startsWith("/api/v1/webhooks");
            headers.put(
                    "Authorization",
                    read ? Api.basic("auditor", "auditor-secret") : Api.basic("admin", "admin-secret"));
            if (bad.contentType() != null) {
                headers.put("Content-Type", bad.contentType());
            }
            RawHttp.Response response = raw.send(bad.method(), bad.path(), headers, bad.body());
            String failure = judge(bad, response);
            if (failure != null) {
                failures.add(bad.describe() + ": " + failure);
            }
        }
        assertThat(failures).as("bad requests not refused with a problem").isEmpty();
        assertThat(cases).hasSizeGreaterThan(1_000);
        assertThat(allEvents()).as("nothing was recorded").isEqualTo(before);
        for (String id : freshIds) {
            assertThat(eventsOf(id)).isZero();
        }
        Set<String> walked = new java.util.TreeSet<>();
        cases.forEach(bad -> walked.add(bad.operation()));
        assertThat(walked)
                .as("every operation with a body or parameters was walked")
                .isEqualTo(corpus.operationsWithInput())
                .hasSizeGreaterThan(25);
    }

    /** Null when the answer is right for a bad request; else what is wrong with it. */
    private static String judge(BadRequest bad, RawHttp.Response response) {
        if (response.status() >= 500) {
            return "answered " + response.status() + " " + response.body();
        }
        if (response.status() < 400) {
            return "accepted with " + response.status() + " " + response.body();
        }
        if (response.status() == 401 || response.status() == 403) {
            return "the corpus sent it as the wrong user: " + response.status();
        }
        if (!response.isProblem()) {
            return "not a problem: " + response.contentType() + " " + response.body();
        }
        JsonNode problem = response.json();
        if (!problem.path("type").asText().startsWith(PROBLEM)) {
            return "problem without a type of ours: " + response.body();
        }
        if (problem.path("status").asInt() != response.status()) {
            return "problem status differs: " + response.body();
        }
        if (bad.field() != null) {
            List<String> fields = new ArrayList<>();
            problem.path("errors")
                    .forEach(error -> fields.add(error.path("field").asText()));
            if (fields.isEmpty()
                    || !fields.stream()
                            .allMatch(field -> field.equals(bad.field())
                                    || field.startsWith(bad.field() + ".")
                                    || field.startsWith(bad.field() + "["))) {
                return "does not name exactly " + bad.field() + ": " + response.body();
            }
        }
        return null;
    }

    private FormClient signedIn(String user, String password) throws Exception {
        FormClient browser = new FormClient(port());
        HttpResponse<String> login = browser.get("/login", "en");
        HttpResponse<String> signedIn =
                browser.post("/login", FormClient.csrf(login), form(Map.of("username", user, "password", password)));
        assertThat(FormClient.location(signedIn)).doesNotContain("error");
        return browser;
    }

    private static String form(Map<String, String> fields) {
        List<String> pairs = new ArrayList<>();
        fields.forEach((name, value) -> pairs.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return String.join("&", pairs);
    }

    private static SourceDefined readEvent(ObjectMapper mapper, String json) {
        try {
            return mapper.readValue(json, SourceDefined.class);
        } catch (java.io.IOException e) {
            throw new AssertionError("Axon's serializer could not read a stored event", e);
        }
    }

    private static String json(String text) {
        try {
            return new ObjectMapper().writeValueAsString(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void assertRawProblem(RawHttp.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.isProblem())
                .as(response.contentType() + " " + response.body())
                .isTrue();
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo(PROBLEM + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("<html");
    }

    private static void assertProblem(Api.Response response, int status, String type) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("type").asText()).isEqualTo(PROBLEM + type);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.consentledger");
    }

    private static void assertField(Api.Response response, String field) {
        assertProblem(response, 400, "invalid-request");
        List<String> fields = new ArrayList<>();
        response.json()
                .get("errors")
                .forEach(error -> fields.add(error.get("field").asText()));
        assertThat(fields).as(response.body()).containsExactly(field);
    }

    private static void assertField(Api.Response response, String field, String message) {
        assertField(response, field);
        assertThat(response.json().get("errors").get(0).get("message").asText()).contains(message);
    }
}
