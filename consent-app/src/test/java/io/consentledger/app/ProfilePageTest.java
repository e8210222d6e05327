package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.StreamIds;
import io.consentledger.api.source.BuiltInSources;
import io.consentledger.api.source.SourceRetired;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.FormClient;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.command.profile.ProfileSettings;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.crypto.encrypt.AesBytesEncryptor;
import org.springframework.security.crypto.encrypt.BytesEncryptor;
import org.springframework.security.crypto.keygen.KeyGenerators;
import org.springframework.test.context.TestPropertySource;

/** The personal profile page behind the link in the confirmation email, driven over plain HTTP forms. */
@TestPropertySource(properties = "consent.profile.secret=profile-test-secret")
class ProfilePageTest extends LedgerTest {

    @Autowired
    private ProfileSettings settings;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private ProfileLinks links;

    private FormClient browser;

    @BeforeEach
    void openBrowser() {
        browser = new FormClient(port());
    }

    @Test
    void showsWhatIsStoredAsTextWithoutReferrerOrCaching() throws Exception {
        String contactId = uniqueId("page");
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts",
                                "{\"contactId\":\"" + contactId
                                        + "\",\"name\":\"<script>alert(1)</script>\",\"email\":\"ann@example.com\","
                                        + "\"sourceId\":\"import\"}")
                        .status())
                .isEqualTo(201);
        long events = eventsOf(contactId);

        HttpResponse<String> page = get(link(contactId), "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)")
                .contains("ann@example.com")
                .contains("Sales and service")
                .contains("E-marketing")
                .contains("Give consent")
                .contains("Object to this use");
        assertThat(eventsOf(contactId)).as("a GET changes nothing").isEqualTo(events);
    }

    @Test
    void givingAndWithdrawingOnThePageIsRecordedAsTheDataSubjectAndShowsAtOnce() throws Exception {
        // A purpose without double opt-in: consent given on the page counts at once.
        String purposeId = uniqueId("surveys");
        Api.Response defined = api.post(ADMIN, "/api/v1/purposes", """
                {"purposeId":"%s","name":"Surveys","consentText":"Yes, ask me about your service.",
                 "requiresConsent":true}""".formatted(purposeId));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);

        HttpResponse<String> given = browser.post(url + "/purposes/" + purposeId + "/consent", csrf(get(url, "en")));
        HttpResponse<String> after = get(FormClient.location(given), "en");
        assertThat(after.body())
                .contains("Thank you: your consent is recorded.")
                .contains("Withdraw consent");
        assertThat(consentCheck(contactId, purposeId).get("allowed").asBoolean())
                .isTrue();

        HttpResponse<String> withdrawn = browser.post(url + "/purposes/" + purposeId + "/withdrawal", csrf(after));
        assertThat(get(FormClient.location(withdrawn), "da").body()).contains("Dit samtykke er trukket tilbage.");
        JsonNode check = consentCheck(contactId, purposeId);
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("status").asText()).isEqualTo("WITHDRAWN");

        JsonNode items = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                .json()
                .get("items");
        JsonNode last = items.get(items.size() - 1);
        assertThat(last.get("change").asText()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(last.get("actor").asText()).isEqualTo("data-subject");
        assertThat(last.get("channel").asText()).isEqualTo("self-service");
        assertThat(last.get("sourceId").asText()).isEqualTo("profile-page");
    }

    @Test
    void anObjectionEndsALegitimateInterest() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        HttpResponse<String> objected =
                browser.post(url + "/purposes/sales-and-service/objection", csrf(get(url, "en")));
        assertThat(objected.statusCode()).isEqualTo(302);
        JsonNode check = api.get(
                        INTEGRATOR,
                        "/api/v1/consents/check?contactId=" + contactId + "&purposeId=sales-and-service&wait=true")
                .json();
        assertThat(check.get("status").asText()).isEqualTo("ENDED");
    }

    @Test
    void aChoiceThatIsNoLongerPossibleChangesNothingAndSaysSo() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        long events = eventsOf(contactId);
        // As from a page left open while the consent was withdrawn elsewhere: there is nothing to withdraw.
        HttpResponse<String> stale = browser.post(url + "/purposes/e-marketing/withdrawal", csrf(get(url, "en")));
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("?done=unchanged");
        assertThat(get(stale.headers().firstValue("Location").orElseThrow(), "en")
                        .body())
                .contains("Nothing changed");
        assertThat(eventsOf(contactId)).isEqualTo(events);
    }

    @Test
    void thePersonErasesTheirDataOnlyWhenTheyConfirmItCannotBeUndone() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        long events = eventsOf(contactId);

        HttpResponse<String> unticked = browser.post(url + "/erasure", csrf(get(url, "en")));
        assertThat(FormClient.location(unticked)).endsWith("?done=unconfirmed");
        assertThat(get(FormClient.location(unticked), "en").body()).contains("Nothing was erased");
        assertThat(eventsOf(contactId)).isEqualTo(events);

        HttpResponse<String> erased = browser.post(url + "/erasure", csrf(get(url, "en")), "understood=yes");
        HttpResponse<String> after = get(FormClient.location(erased), "da");
        assertThat(after.statusCode()).isEqualTo(410);
        assertThat(after.body()).contains("Dine oplysninger er slettet").doesNotContain("ann@example.com");
        JsonNode contact =
                api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true").json();
        assertThat(contact.get("email").isNull()).isTrue();
        JsonNode items = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                .json()
                .get("items");
        JsonNode last = items.get(items.size() - 1);
        assertThat(last.get("change").asText()).isEqualTo("CONTACT_ERASED");
        assertThat(last.get("actor").asText()).isEqualTo("data-subject");
    }

    @Test
    void theProfilePageSourceCannotBeRetiredAndARetiredSourceStillTakesWithdrawals() throws Exception {
        long before = allEvents();
        Api.Response refused = api.post(ADMIN, "/api/v1/sources/profile-page/retire", "");
        assertThat(refused.status()).as(refused.body()).isEqualTo(409);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:source-built-in");
        assertThat(allEvents()).as("a refusal records nothing").isEqualTo(before);
        JsonNode profilePage = source("profile-page");
        assertThat(profilePage.get("builtIn").asBoolean()).isTrue();
        assertThat(profilePage.get("active").asBoolean()).isTrue();
        assertThat(source("web-form").get("builtIn").asBoolean()).isFalse();

        String sourceId = uniqueId("fair");
        assertThat(api.post(ADMIN, "/api/v1/sources", """
                                {"sourceId":"%s","name":"Trade fair"}""".formatted(sourceId)).status())
                .isEqualTo(201);
        String contactId = registerContact(uniqueId("page"));
        String grant = "{\"purposeId\":\"e-marketing\",\"sourceId\":\"" + sourceId + "\"}";
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", grant)
                        .status())
                .isEqualTo(201);
        assertThat(api.post(ADMIN, "/api/v1/sources/" + sourceId + "/retire", "")
                        .status())
                .isEqualTo(200);
        Api.Response newGrant =
                api.post(INTEGRATOR, "/api/v1/contacts/" + registerContact(uniqueId("page")) + "/consents", grant);
        assertThat(newGrant.status()).isEqualTo(409);
        assertThat(newGrant.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:source-retired");
        Api.Response withdrawn = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                "{\"sourceId\":\"" + sourceId + "\",\"reason\":\"Said so at the fair\"}");
        assertThat(withdrawn.status()).as(withdrawn.body()).isEqualTo(200);
        assertThat(consentCheck(contactId, "e-marketing").get("status").asText())
                .isEqualTo("WITHDRAWN");

        FormClient admin = new FormClient(port());
        admin.signIn(ADMIN, "admin-secret");
        String settings = admin.get("/settings", "en").body();
        assertThat(row(settings, "source-profile-page")).contains("Built in").doesNotContain("/retire");
        assertThat(row(settings, "source-web-form")).contains("/settings/sources/web-form/retire");
    }

    @Test
    void aRetirementOfTheProfilePageRecordedByAnEarlierVersionLeavesThePersonInControl() throws Exception {
        // As an event store written before built-in sources were protected holds it.
        String stream = StreamIds.source(BuiltInSources.PROFILE_PAGE);
        long last = eventStore.lastSequenceNumberFor(stream).orElseThrow();
        eventStore.publish(new GenericDomainEventMessage<>(
                "Source",
                stream,
                last + 1,
                new SourceRetired(BuiltInSources.PROFILE_PAGE),
                MetaData.from(LedgerMetadata.SYSTEM)));
        assertThat(source("profile-page").get("active").asBoolean()).isTrue();

        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        HttpResponse<String> given = browser.post(url + "/purposes/e-marketing/consent", csrf(get(url, "en")));
        assertThat(FormClient.location(given)).endsWith("?done=pending");
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/consents",
                                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}")
                        .status())
                .isEqualTo(201);
        HttpResponse<String> withdrawn = browser.post(url + "/purposes/e-marketing/withdrawal", csrf(get(url, "en")));
        assertThat(FormClient.location(withdrawn)).endsWith("?done=withdrawn");
        JsonNode check = consentCheck(contactId, "e-marketing");
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("status").asText()).isEqualTo("WITHDRAWN");
    }

    @Test
    void aLinkAnIntegratorIssuedNamesThemInTheHistoryAndCannotErase() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = issuedBy(INTEGRATOR, contactId);
        HttpResponse<String> page = get(url, "en");
        assertThat(page.body()).contains("This link cannot erase your data").doesNotContain("name=\"understood\"");
        long events = eventsOf(contactId);

        HttpResponse<String> erasure = browser.post(url + "/erasure", csrf(page), "understood=yes");
        assertThat(erasure.statusCode()).isEqualTo(403);
        assertThat(erasure.body()).contains("Nothing was erased");
        assertThat(eventsOf(contactId)).as("nothing recorded").isEqualTo(events);
        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true")
                        .json()
                        .get("erasedAt")
                        .isNull())
                .isTrue();

        HttpResponse<String> objected =
                browser.post(url + "/purposes/sales-and-service/objection", csrf(get(url, "en")));
        assertThat(FormClient.location(objected)).endsWith("?done=objected");
        JsonNode last = lastChange(contactId);
        assertThat(last.get("change").asText()).isEqualTo("LEGAL_BASIS_ENDED");
        assertThat(last.get("actor").asText()).isEqualTo("data-subject");
        assertThat(last.get("linkIssuedBy").asText()).isEqualTo(INTEGRATOR);
        assertThat(last.get("linkIssuerRole").asText()).isEqualTo("INTEGRATOR");

        JsonNode change = api.get(AUDITOR, "/api/v1/audit/changes?contactId=" + contactId + "&size=1&wait=true")
                .json()
                .get("items")
                .get(0)
                .get("entry");
        assertThat(change.get("linkIssuedBy").asText()).isEqualTo(INTEGRATOR);
        JsonNode export = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/export.json?wait=true")
                .json();
        JsonNode exported = export.get("history").get(export.get("history").size() - 1);
        assertThat(exported.get("linkIssuedBy").asText()).isEqualTo(INTEGRATOR);
        assertThat(new String(download("/api/v1/audit/events.ndjson").body(), StandardCharsets.UTF_8))
                .contains("\"linkIssuedBy\":\"crm-sync\",\"linkIssuerRole\":\"INTEGRATOR\"");
    }

    @Test
    void aStaffMemberSignedInToTheBackOfficeWhoOpensALinkActsAsThePersonTheLinkIsFor() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = issuedBy(INTEGRATOR, contactId);
        // The same browser holds a back-office session: the profile page must not take its sign-in for the actor.
        browser.signIn(INTEGRATOR, "crm-secret");

        HttpResponse<String> objected =
                browser.post(url + "/purposes/sales-and-service/objection", csrf(get(url, "en")));
        assertThat(FormClient.location(objected)).endsWith("?done=objected");
        JsonNode last = lastChange(contactId);
        assertThat(last.get("change").asText()).isEqualTo("LEGAL_BASIS_ENDED");
        assertThat(last.get("actor").asText()).isEqualTo("data-subject");
        assertThat(last.get("channel").asText()).isEqualTo("self-service");
        assertThat(last.get("linkIssuedBy").asText()).isEqualTo(INTEGRATOR);
    }

    @Test
    void aLinkAnAdminIssuedErasesAndTheHistoryNamesTheAdmin() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = issuedBy(ADMIN, contactId);
        HttpResponse<String> erased = browser.post(url + "/erasure", csrf(get(url, "en")), "understood=yes");
        assertThat(FormClient.location(erased)).endsWith("?done=erased");
        JsonNode last = lastChange(contactId);
        assertThat(last.get("change").asText()).isEqualTo("CONTACT_ERASED");
        assertThat(last.get("actor").asText()).isEqualTo("data-subject");
        assertThat(last.get("linkIssuedBy").asText()).isEqualTo(ADMIN);
        assertThat(last.get("linkIssuerRole").asText()).isEqualTo("ADMIN");
    }

    @Test
    void theLinkEmailedToThePersonErasesAsTheirOwnAct() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        // The link the confirmation email carries (ConfirmationMailer makes it the same way).
        String url = local(links.create(contactId).url());
        HttpResponse<String> erased = browser.post(url + "/erasure", csrf(get(url, "en")), "understood=yes");
        assertThat(FormClient.location(erased)).endsWith("?done=erased");
        JsonNode last = lastChange(contactId);
        assertThat(last.get("change").asText()).isEqualTo("CONTACT_ERASED");
        assertThat(last.get("actor").asText()).isEqualTo("data-subject");
        assertThat(last.get("linkIssuedBy").isNull()).isTrue();
        assertThat(last.get("linkIssuerRole").isNull()).isTrue();
    }

    @Test
    void aLinkSealedBeforeLinksNamedTheirIssuerStillOpensButCannotErase() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = local(settings.baseUrl() + "/privacy/profile/" + formerToken(contactId));
        HttpResponse<String> page = get(url, "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).doesNotContain("name=\"understood\"");
        long events = eventsOf(contactId);
        assertThat(browser.post(url + "/erasure", csrf(page), "understood=yes").statusCode())
                .isEqualTo(403);
        assertThat(eventsOf(contactId)).isEqualTo(events);

        HttpResponse<String> objected =
                browser.post(url + "/purposes/sales-and-service/objection", csrf(get(url, "en")));
        assertThat(FormClient.location(objected)).endsWith("?done=objected");
        JsonNode last = lastChange(contactId);
        assertThat(last.get("linkIssuedBy").isNull()).isTrue();
        assertThat(last.get("linkIssuerRole").asText()).isEqualTo("UNKNOWN");
    }

    @Test
    void refusesAFormWithoutItsCsrfToken() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        get(url, "en");
        long events = eventsOf(contactId);
        assertThat(browser.post(url + "/purposes/e-marketing/consent", null).statusCode())
                .isEqualTo(403);
        assertThat(eventsOf(contactId)).isEqualTo(events);
    }

    @Test
    void refusesATamperedLinkWith403AndAnExpiredOneWith410() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        // Alter one character in the middle of the token (the last one may only carry padding bits).
        int middle = url.lastIndexOf('/') + (url.length() - url.lastIndexOf('/')) / 2;
        char original = url.charAt(middle);
        String tampered = url.substring(0, middle) + (original == 'A' ? 'B' : 'A') + url.substring(middle + 1);
        HttpResponse<String> refused = get(tampered, "en");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This link does not work").doesNotContain(contactId);
        assertThat(get(url.replaceAll("/[^/]+$", "/not-a-token"), "en").statusCode())
                .isEqualTo(403);

        ProfileLinks monthAgo =
                new ProfileLinks(settings, Clock.offset(Clock.systemUTC(), Duration.ofDays(-30)), settings.secret());
        String expired =
                url.replaceAll("/[^/]+$", "/" + monthAgo.create(contactId).token());
        HttpResponse<String> gone = get(expired, "da");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("Dette link er udløbet");
    }

    @Test
    void crmUsersAndAdminsIssueLinksAuditorsDoNot() {
        String contactId = registerContact(uniqueId("page"));
        assertThat(api.post(AUDITOR, "/api/v1/contacts/" + contactId + "/profile-link", "")
                        .status())
                .isEqualTo(403);
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/profile-link", "")
                        .status())
                .isEqualTo(201);
        assertThat(api.post(ADMIN, "/api/v1/contacts/" + uniqueId("nobody") + "/profile-link", "")
                        .status())
                .isEqualTo(404);
    }

    private JsonNode source(String sourceId) {
        for (JsonNode source : api.get(AUDITOR, "/api/v1/sources?includeRetired=true&wait=true")
                .json()) {
            if (source.get("sourceId").asText().equals(sourceId)) {
                return source;
            }
        }
        throw new AssertionError("No source " + sourceId);
    }

    /** The table row of a page with the given id. */
    private static String row(String page, String id) {
        int start = page.indexOf("<tr id=\"" + id + "\"");
        assertThat(start).as("row " + id).isNotNegative();
        return page.substring(start, page.indexOf("</tr>", start));
    }

    private String link(String contactId) {
        return issuedBy(ADMIN, contactId);
    }

    /** A link to the contact's profile page that the user issued through the API. */
    private String issuedBy(String user, String contactId) {
        Api.Response response = api.post(user, "/api/v1/contacts/" + contactId + "/profile-link", "");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return local(response.json().get("url").asText());
    }

    /** The configured base URL points at the default port; this test's service listens elsewhere. */
    private String local(String url) {
        return url.replace(settings.baseUrl(), "http://localhost:" + port());
    }

    /** A profile-link token as versions before links named their issuer sealed it: kind 'P', expiry, contact id. */
    private String formerToken(String contactId) {
        byte[] id = contactId.getBytes(StandardCharsets.UTF_8);
        byte[] plain = ByteBuffer.allocate(1 + Long.BYTES + id.length)
                .put((byte) 'P')
                .putLong(Instant.now().plus(Duration.ofDays(1)).getEpochSecond())
                .put(id)
                .array();
        BytesEncryptor sealer = new AesBytesEncryptor(
                settings.secret(),
                "636f6e73656e742d6c6564676572",
                KeyGenerators.secureRandom(12),
                AesBytesEncryptor.CipherAlgorithm.GCM);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sealer.encrypt(plain));
    }

    private JsonNode lastChange(String contactId) {
        return api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?order=desc&size=1&wait=true")
                .json()
                .get("items")
                .get(0);
    }

    private HttpResponse<String> get(String url, String language) throws IOException, InterruptedException {
        return browser.get(url, language);
    }

    private static String csrf(HttpResponse<String> page) {
        return FormClient.csrf(page);
    }
}
