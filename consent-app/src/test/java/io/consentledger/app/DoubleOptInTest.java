package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.FormClient;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.Mailbox;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Double opt-in: a consent that counts only once the person follows the link in the email the ledger sends, with a
 * real SMTP server (GreenMail) and the confirmation page driven over plain HTTP forms.
 */
@TestPropertySource(
        properties = {
            "spring.mail.host=127.0.0.1",
            "consent.mail.company-name=Acme A/S",
            "consent.double-opt-in.lapse-after=10s",
            "db-scheduler.polling-interval=200ms",
            "consent.mail.first-retry=14s"
        })
class DoubleOptInTest extends LedgerTest {

    /** A free port of this class's own, so that test runs side by side never share a mail server. */
    static final int SMTP_PORT = Mailbox.freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(Mailbox.smtpOn(SMTP_PORT))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @DynamicPropertySource
    static void smtp(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    private static final String CONFIRM_BY_EMAIL = """
            {"purposeId":"e-marketing","sourceId":"web-form","confirmBy":"email",
             "evidence":{"text":"Yes, send me offers by email."}}""";

    private final Mailbox mailbox = new Mailbox(SMTP);
    private FormClient browser;

    @BeforeEach
    void openBrowser() {
        browser = new FormClient(port());
    }

    @Test
    void aConsentToConfirmCountsOnlyOnceThePersonFollowsTheLinkInTheEmail() throws Exception {
        String contactId = registerContact(uniqueId("doi"), "en");
        String email = contactId + "@example.com";

        Api.Response granted = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", CONFIRM_BY_EMAIL);
        assertThat(granted.status()).as(granted.body()).isEqualTo(201);
        assertThat(granted.json().get("status").asText()).isEqualTo("PENDING_CONFIRMATION");
        JsonNode waiting = consentCheck(contactId, "e-marketing");
        assertThat(waiting.get("allowed").asBoolean()).isFalse();
        assertThat(waiting.get("status").asText()).isEqualTo("PENDING_CONFIRMATION");

        MimeMessage mail = mailbox.awaitMails(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Acme A/S: please confirm your consent to E-marketing");
        for (String part : List.of(Mailbox.part(mail, "text/plain"), Mailbox.part(mail, "text/html"))) {
            assertThat(part)
                    .contains("Dear Ann Smith")
                    .contains("E-marketing")
                    .contains("Yes, send me offers by email.")
                    .contains("Confirm my consent")
                    .contains("/privacy/confirm/");
        }
        String link = Mailbox.linkPath(mail, "/privacy/confirm/");
        // The SMTP server has the email a moment before the ledger records it as sent.
        changes(contactId, "CONFIRMATION_EMAIL_SENT");
        long events = eventsOf(contactId);

        HttpResponse<String> page = browser.get(link, "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.body()).contains("E-marketing").contains("Confirm my consent");
        assertThat(eventsOf(contactId))
                .as("opening the link (as mail scanners do) changes nothing")
                .isEqualTo(events);
        assertThat(consentCheck(contactId, "e-marketing").get("allowed").asBoolean())
                .isFalse();

        HttpResponse<String> confirmed = browser.post(link, FormClient.csrf(page));
        assertThat(browser.get(FormClient.location(confirmed), "en").body())
                .contains("Thank you: your consent is confirmed and recorded.");
        JsonNode allowed = consentCheck(contactId, "e-marketing");
        assertThat(allowed.get("allowed").asBoolean()).isTrue();
        assertThat(allowed.get("status").asText()).isEqualTo("GRANTED");

        JsonNode last = lastHistoryItem(contactId);
        assertThat(last.get("change").asText()).isEqualTo("CONSENT_CONFIRMED");
        assertThat(last.get("actor").asText()).isEqualTo("data-subject");
        assertThat(last.get("channel").asText()).isEqualTo("self-service");
        assertThat(changes(contactId, "CONSENT_CONFIRMED"))
                .containsSubsequence(
                        "CONSENT_CONFIRMATION_REQUESTED",
                        "CONFIRMATION_EMAIL_REQUESTED",
                        "CONFIRMATION_EMAIL_SENT",
                        "CONSENT_CONFIRMED");

        long afterConfirmation = eventsOf(contactId);
        HttpResponse<String> again = browser.post(link, FormClient.csrf(page));
        assertThat(browser.get(FormClient.location(again), "en").body()).contains("your consent is confirmed");
        assertThat(eventsOf(contactId))
                .as("confirming twice records nothing more")
                .isEqualTo(afterConfirmation);
    }

    @Test
    void anUnconfirmedConsentLapsesAndItsLinkExpires() throws Exception {
        String contactId = registerContact(uniqueId("doi"), "da");
        String email = contactId + "@example.com";
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", CONFIRM_BY_EMAIL)
                        .status())
                .isEqualTo(201);
        String link = Mailbox.linkPath(mailbox.awaitMails(email, 1).get(0), "/privacy/confirm/");

        assertThat(changes(contactId, "CONSENT_LAPSED")).endsWith("CONSENT_LAPSED");
        JsonNode lapsed = consentCheck(contactId, "e-marketing");
        assertThat(lapsed.get("allowed").asBoolean()).isFalse();
        assertThat(lapsed.get("status").asText()).isEqualTo("LAPSED");
        JsonNode last = lastHistoryItem(contactId);
        assertThat(last.get("actor").asText()).isEqualTo("system");
        assertThat(last.get("reason").isNull()).isTrue();

        HttpResponse<String> expired = browser.get(link, "da");
        assertThat(expired.statusCode()).isEqualTo(410);
        assertThat(expired.body()).contains("Dette link er udløbet").doesNotContain(contactId);
    }

    @Test
    void aConfirmationEmailStillRetryingIsGivenUpWhenItsConsentLapses() throws Exception {
        String contactId = registerContact(uniqueId("doi"), "en");
        String email = contactId + "@example.com";
        SMTP.stop();
        try {
            assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", CONFIRM_BY_EMAIL)
                            .status())
                    .isEqualTo(201);
            assertThat(changes(contactId, "CONFIRMATION_EMAIL_FAILED")).endsWith("CONFIRMATION_EMAIL_FAILED");
            List<String> changes = changes(contactId, "CONSENT_LAPSED");
            assertThat(changes).contains("CONSENT_LAPSED");
        } finally {
            SMTP.start();
        }
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(
                                lastHistoryItem(contactId).get("detail").asText())
                        .isEqualTo("Attempt 1 failed; no further attempt (consent-lapsed)"));
        JsonNode givenUp = lastHistoryItem(contactId);
        assertThat(givenUp.get("attempt").asInt()).isEqualTo(1);
        assertThat(givenUp.get("errorKind").asText()).isEqualTo("consent-lapsed");
        assertThat(givenUp.get("nextAttemptAt").isNull()).isTrue();
        // The process ended with the lapse: no attempt follows, so the expired link is never mailed.
        await().atMost(Duration.ofSeconds(30)).until(() -> sagaStates(contactId).isEmpty());
        assertThat(mailbox.to(email)).isEmpty();
    }

    @Test
    void aNewerEmailReplacesTheLinkOfTheOlderOne() throws Exception {
        String contactId = registerContact(uniqueId("doi"), "en");
        String email = contactId + "@example.com";
        for (int i = 0; i < 2; i++) {
            assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", CONFIRM_BY_EMAIL)
                            .status())
                    .isEqualTo(201);
        }
        List<MimeMessage> mails = mailbox.awaitMails(email, 2);
        String older = Mailbox.linkPath(mails.get(0), "/privacy/confirm/");
        String newer = Mailbox.linkPath(mails.get(1), "/privacy/confirm/");
        assertThat(older).isNotEqualTo(newer);
        // The SMTP server has the emails a moment before the ledger records them as sent.
        await().atMost(Duration.ofSeconds(30))
                .until(() -> changes(contactId, null).stream()
                                .filter("CONFIRMATION_EMAIL_SENT"::equals)
                                .count()
                        == 2);
        long events = eventsOf(contactId);

        HttpResponse<String> page = browser.get(older, "en");
        HttpResponse<String> refused =
                browser.get(FormClient.location(browser.post(older, FormClient.csrf(page))), "en");
        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(refused.body()).contains("This confirmation is no longer possible");
        assertThat(eventsOf(contactId)).isEqualTo(events);
        assertThat(consentCheck(contactId, "e-marketing").get("status").asText())
                .isEqualTo("PENDING_CONFIRMATION");

        browser.post(newer, FormClient.csrf(browser.get(newer, "en")));
        assertThat(consentCheck(contactId, "e-marketing").get("allowed").asBoolean())
                .isTrue();
    }

    @Test
    void consentGivenOnTheProfilePageToADoubleOptInPurposeWaitsForConfirmation() throws Exception {
        String contactId = registerContact(uniqueId("doi"), "en");
        String email = contactId + "@example.com";
        Api.Response issued = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/profile-link", "");
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String profile = issued.json().get("url").asText().replaceAll("^https?://[^/]+", "");

        HttpResponse<String> given =
                browser.post(profile + "/purposes/e-marketing/consent", FormClient.csrf(browser.get(profile, "en")));
        assertThat(browser.get(FormClient.location(given), "en").body())
                .contains("Almost done: we have sent you an email.")
                .contains("Waiting for your confirmation")
                .contains("Send the confirmation email again")
                .contains("Withdraw consent");
        assertThat(consentCheck(contactId, "e-marketing").get("status").asText())
                .isEqualTo("PENDING_CONFIRMATION");
        JsonNode requested = lastHistoryItem(contactId);
        assertThat(requested.get("change").asText()).isIn("CONFIRMATION_EMAIL_REQUESTED", "CONFIRMATION_EMAIL_SENT");

        String link = Mailbox.linkPath(mailbox.awaitMails(email, 1).get(0), "/privacy/confirm/");
        browser.post(link, FormClient.csrf(browser.get(link, "en")));
        assertThat(consentCheck(contactId, "e-marketing").get("allowed").asBoolean())
                .isTrue();
        assertThat(browser.get(profile, "en").body()).contains("In force");
    }

    @Test
    void askingToConfirmAConsentAlreadyInForceIsAConflictAndAnUnknownWayIsRefused() {
        String contactId = registerContact(uniqueId("doi"), "en");
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts/" + contactId + "/consents",
                                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}")
                        .status())
                .isEqualTo(201);
        long events = eventsOf(contactId);

        Api.Response conflict = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", CONFIRM_BY_EMAIL);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.json().get("type").asText())
                .isEqualTo("urn:consent-ledger:problem:consent-already-granted");

        Api.Response unknown = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\",\"confirmBy\":\"sms\"}");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("confirmBy");
        assertThat(eventsOf(contactId)).isEqualTo(events);
    }

    @Test
    void aPurposeThatSendsConfirmationsTellsThePersonAboutANewConsent() throws Exception {
        String purposeId = uniqueId("events");
        Api.Response defined = api.post(ADMIN, "/api/v1/purposes", """
                {"purposeId":"%s","name":"Event invitations","requiresConsent":true,"sendConfirmation":true}""".formatted(purposeId));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        JsonNode purposes = api.get(AUDITOR, "/api/v1/purposes?wait=true").json();
        assertThat(purposes.findValues("purposeId").stream().map(JsonNode::asText))
                .contains(purposeId);
        purposes.forEach(purpose -> {
            if (purpose.get("purposeId").asText().equals(purposeId)) {
                assertThat(purpose.get("sendConfirmation").asBoolean()).isTrue();
            }
        });
        String contactId = registerContact(uniqueId("doi"), "en");
        String email = contactId + "@example.com";

        String grant = "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"%s\"}";
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", grant.formatted("import"))
                        .status())
                .isEqualTo(201);
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/consents", grant.formatted("web-form"))
                        .status())
                .isEqualTo(201);

        MimeMessage mail = mailbox.awaitMails(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("What Acme A/S stores about you");
        assertThat(Mailbox.part(mail, "text/plain"))
                .contains("Thank you for your consent.")
                .contains("Event invitations: your consent");
        // Each email is one request in the contact's stream; the grant from the import source asked for none.
        assertThat(changes(contactId, "CONFIRMATION_EMAIL_SENT"))
                .filteredOn("CONFIRMATION_EMAIL_REQUESTED"::equals)
                .hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sagaStates(contactId).isEmpty());
        assertThat(mailbox.to(email)).hasSize(1);
    }

    /** A contact from the "import" source, which sends no confirmation email of its own. */
    private String registerContact(String contactId, String locale) {
        Api.Response response = api.post(INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"Ann Smith","email":"%s@example.com","sourceId":"import","locale":"%s"}""".formatted(contactId, contactId, locale));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return contactId;
    }

    private JsonNode lastHistoryItem(String contactId) {
        JsonNode items = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?size=500&wait=true")
                .json()
                .get("items");
        return items.get(items.size() - 1);
    }
}
