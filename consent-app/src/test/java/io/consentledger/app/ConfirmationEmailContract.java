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
import io.consentledger.query.catalog.CatalogProjection;
import io.consentledger.query.contact.HistoryProjection;
import io.consentledger.query.contact.LegalBasisProjection;
import io.consentledger.query.web.ProjectionSync;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/** The confirmation email of GDPR Art. 13/14, delivered to a real SMTP server (GreenMail). */
@TestPropertySource(
        properties = {
            "spring.mail.host=127.0.0.1",
            "consent.mail.first-retry=1s",
            "consent.mail.max-retry-interval=2s",
            "consent.mail.company-name=Acme A/S",
            "db-scheduler.polling-interval=200ms",
            "consent.mail.template-dir=src/test/resources/mail-templates"
        })
abstract class ConfirmationEmailContract extends LedgerTest {

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

    private final Mailbox mailbox = new Mailbox(SMTP);

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionSync sync;

    @Test
    void tellsTheContactWhatIsStoredWhyAndFromWhereInTheirLanguage() throws Exception {
        String contactId = uniqueId("mail");
        String email = contactId + "@example.com";
        register(contactId, email, "business-card", "da");

        MimeMessage mail = mailbox.awaitMails(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Det gemmer Acme A/S om dig");
        assertThat(mail.getContent()).isInstanceOf(MimeMultipart.class);
        String text = Mailbox.part(mail, "text/plain");
        String html = Mailbox.part(mail, "text/html");
        for (String body : List.of(text, html)) {
            assertThat(body)
                    .contains("Kære Ann Smith")
                    .contains(email)
                    .contains("et visitkort")
                    .contains("Sales and service")
                    .contains("vores legitime interesse i at betjene dig")
                    .containsPattern("den \\d{1,2}\\. [a-z]+ \\d{4}");
        }
        assertThat(html).contains("<li>").doesNotContain("th:text").doesNotContain("xmlns:th");
        String link = Mailbox.linkPath(mail, "/privacy/profile/");
        assertThat(html).contains("href=\"http://localhost:8080" + link + "\"");
        HttpResponse<String> page = new FormClient(port()).get(link, "da");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(email);
        assertThat(page.body()).as("the person's own link may erase").contains("name=\"understood\"");

        List<String> changes = changes(contactId, "CONFIRMATION_EMAIL_SENT");
        assertThat(changes)
                .containsSubsequence("CONTACT_REGISTERED", "CONFIRMATION_EMAIL_REQUESTED", "CONFIRMATION_EMAIL_SENT");
    }

    @Test
    void writesInTheDefaultLanguageWhenTheContactHasNone() throws Exception {
        String contactId = uniqueId("mail");
        String email = contactId + "@example.com";
        register(contactId, email, "web-form", null);
        MimeMessage mail = mailbox.awaitMails(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("What Acme A/S stores about you");
        assertThat(Mailbox.part(mail, "text/plain")).contains("Dear Ann Smith").contains("a form you filled in");
    }

    @Test
    void aSourceCanHaveItsOwnTemplateInTheContactsLanguage() throws Exception {
        String sourceId = uniqueId("fair");
        String define = """
                {"sourceId":"%s","name":"Trade fair","sendConfirmation":true,"confirmationTemplate":"%s"}""";
        Api.Response unknown = api.post(ADMIN, "/api/v1/sources", define.formatted(sourceId, "no-such-template"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("confirmationTemplate");
        Api.Response defined = api.post(ADMIN, "/api/v1/sources", define.formatted(sourceId, "trade-fair"));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);

        String english = uniqueId("mail");
        register(english, english + "@example.com", sourceId, "en");
        MimeMessage mail = mailbox.awaitMails(english + "@example.com", 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Acme A/S: thank you for visiting our stand");
        assertThat(Mailbox.part(mail, "text/plain")).contains("Dear Ann Smith").contains("/privacy/profile/");
        assertThat(Mailbox.part(mail, "text/html")).contains("Thank you for visiting our stand");

        String danish = uniqueId("mail");
        register(danish, danish + "@example.com", sourceId, "da");
        MimeMessage dansk = mailbox.awaitMails(danish + "@example.com", 1).get(0);
        assertThat(dansk.getSubject()).isEqualTo("Acme A/S: tak for besøget på vores stand");
        assertThat(Mailbox.part(dansk, "text/plain")).contains("Kære Ann Smith");
    }

    @Test
    void sendsNothingForASourceThatSendsNoConfirmation() {
        String contactId = uniqueId("mail");
        register(contactId, contactId + "@example.com", "import", null);
        assertThat(changes(contactId, "CONTACT_REGISTERED")).doesNotContain("CONFIRMATION_EMAIL_REQUESTED");
        assertThat(mailbox.to(contactId + "@example.com")).isEmpty();
    }

    @Test
    void retriesWhileTheMailServerIsDownAndDeliversExactlyOnceWhenItIsBack() throws Exception {
        String contactId = uniqueId("mail");
        String email = contactId + "@example.com";
        SMTP.stop();
        try {
            register(contactId, email, "email", "en");
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(changes(contactId, null))
                            .filteredOn("CONFIRMATION_EMAIL_FAILED"::equals)
                            .hasSizeGreaterThanOrEqualTo(2));
        } finally {
            SMTP.start();
        }
        mailbox.awaitMails(email, 1);
        List<String> changes = changes(contactId, "CONFIRMATION_EMAIL_SENT");
        assertThat(changes).filteredOn("CONFIRMATION_EMAIL_SENT"::equals).hasSize(1);
        mailbox.staysAt(email, 1);

        JsonNode failed = null;
        for (JsonNode item : api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history")
                .json()
                .get("items")) {
            if (item.get("change").asText().equals("CONFIRMATION_EMAIL_FAILED")) {
                failed = item;
                break;
            }
        }
        assertThat(failed).isNotNull();
        assertThat(failed.get("reason").asText()).startsWith("Attempt 1 failed (connection); next attempt at ");
    }

    @Test
    void anAdminCanSendItAgainAndOthersCannot() throws Exception {
        String contactId = uniqueId("mail");
        String email = contactId + "@example.com";
        register(contactId, email, "phone", "en");
        mailbox.awaitMails(email, 1);

        assertThat(api.post(AUDITOR, "/api/v1/contacts/" + contactId + "/confirmation-email", "")
                        .status())
                .isEqualTo(403);
        Api.Response resent = api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/confirmation-email", "");
        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
        mailbox.awaitMails(email, 2);
        assertThat(api.post(ADMIN, "/api/v1/contacts/" + uniqueId("nobody") + "/confirmation-email", "")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void replayingTheProjectionsSendsNothing() throws Exception {
        String contactId = uniqueId("mail");
        String email = contactId + "@example.com";
        register(contactId, email, "chat", "en");
        mailbox.awaitMails(email, 1);
        int before = SMTP.getReceivedMessages().length;

        for (String group : List.of(
                CatalogProjection.PROCESSING_GROUP,
                LegalBasisProjection.PROCESSING_GROUP,
                HistoryProjection.PROCESSING_GROUP)) {
            StreamingEventProcessor processor = processing
                    .eventProcessor(group, StreamingEventProcessor.class)
                    .orElseThrow();
            processor.shutDown();
            processor.resetTokens();
            processor.start();
            sync.awaitCaughtUp(group);
        }
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(4))
                .until(() -> SMTP.getReceivedMessages().length == before);
    }

    private void register(String contactId, String email, String sourceId, String locale) {
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts",
                "{\"contactId\":\"" + contactId + "\",\"name\":\"Ann Smith\",\"email\":\"" + email
                        + "\",\"sourceId\":\"" + sourceId + "\""
                        + (locale == null ? "" : ",\"locale\":\"" + locale + "\"") + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }
}
