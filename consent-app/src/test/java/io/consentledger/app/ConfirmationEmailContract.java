package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.query.catalog.CatalogProjection;
import io.consentledger.query.contact.HistoryProjection;
import io.consentledger.query.contact.LegalBasisProjection;
import io.consentledger.query.web.ProjectionSync;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The confirmation email of GDPR Art. 13/14, delivered to a real SMTP server (GreenMail). */
@TestPropertySource(
        properties = {
            "spring.mail.host=localhost",
            "spring.mail.port=3025",
            "consent.mail.first-retry=1s",
            "consent.mail.max-retry-interval=2s",
            "consent.mail.company-name=Acme A/S",
            "db-scheduler.polling-interval=200ms"
        })
abstract class ConfirmationEmailContract extends LedgerTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionSync sync;

    @Test
    void tellsTheContactWhatIsStoredWhyAndFromWhereInTheirLanguage() throws Exception {
        String contactId = uniqueId("mail");
        String email = contactId + "@example.com";
        register(contactId, email, "business-card", "da");

        MimeMessage mail = awaitMailsTo(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("Det gemmer Acme A/S om dig");
        assertThat(mail.getContent()).isInstanceOf(MimeMultipart.class);
        String text = part(mail, "text/plain");
        String html = part(mail, "text/html");
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
        java.util.regex.Matcher link = java.util.regex.Pattern.compile(
                        "http://localhost:8080(/privacy/profile/[A-Za-z0-9_-]+)")
                .matcher(text);
        assertThat(link.find()).as("a link to the profile page").isTrue();
        assertThat(html).contains("href=\"http://localhost:8080" + link.group(1) + "\"");
        java.net.http.HttpResponse<String> page = java.net.http.HttpClient.newHttpClient()
                .send(
                        java.net.http.HttpRequest.newBuilder(
                                        java.net.URI.create("http://localhost:" + port() + link.group(1)))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains(email);

        List<String> changes = changes(contactId, "CONFIRMATION_EMAIL_SENT");
        assertThat(changes)
                .containsSubsequence("CONTACT_REGISTERED", "CONFIRMATION_EMAIL_REQUESTED", "CONFIRMATION_EMAIL_SENT");
    }

    @Test
    void writesInTheDefaultLanguageWhenTheContactHasNone() throws Exception {
        String contactId = uniqueId("mail");
        String email = contactId + "@example.com";
        register(contactId, email, "web-form", null);
        MimeMessage mail = awaitMailsTo(email, 1).get(0);
        assertThat(mail.getSubject()).isEqualTo("What Acme A/S stores about you");
        assertThat(part(mail, "text/plain")).contains("Dear Ann Smith").contains("a form you filled in");
    }

    @Test
    void sendsNothingForASourceThatSendsNoConfirmation() {
        String contactId = uniqueId("mail");
        register(contactId, contactId + "@example.com", "import", null);
        JsonNode history = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                .json();
        List<String> changes = new ArrayList<>();
        history.get("items").forEach(item -> changes.add(item.get("change").asText()));
        assertThat(changes).doesNotContain("CONFIRMATION_EMAIL_REQUESTED");
        assertThat(mailsTo(contactId + "@example.com")).isEmpty();
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
        awaitMailsTo(email, 1);
        List<String> changes = changes(contactId, "CONFIRMATION_EMAIL_SENT");
        assertThat(changes).filteredOn("CONFIRMATION_EMAIL_SENT"::equals).hasSize(1);
        await().during(Duration.ofSeconds(3))
                .atMost(Duration.ofSeconds(5))
                .until(() -> mailsTo(email).size() == 1);

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
        awaitMailsTo(email, 1);

        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/confirmation-email", "")
                        .status())
                .isEqualTo(403);
        Api.Response resent = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/confirmation-email", "");
        assertThat(resent.status()).as(resent.body()).isEqualTo(202);
        awaitMailsTo(email, 2);
        assertThat(api.post(ADMIN, "/api/v1/contacts/" + uniqueId("nobody") + "/confirmation-email", "")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void replayingTheProjectionsSendsNothing() throws Exception {
        String contactId = uniqueId("mail");
        String email = contactId + "@example.com";
        register(contactId, email, "chat", "en");
        awaitMailsTo(email, 1);
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

    private List<String> changes(String contactId, String awaited) {
        List<String> changes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            changes.clear();
            JsonNode history = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?size=500&wait=true")
                    .json();
            history.get("items").forEach(item -> changes.add(item.get("change").asText()));
            if (awaited != null) {
                assertThat(changes).contains(awaited);
            }
        });
        return changes;
    }

    private List<MimeMessage> awaitMailsTo(String email, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> mailsTo(email).size() >= count);
        return mailsTo(email);
    }

    private static List<MimeMessage> mailsTo(String email) {
        List<MimeMessage> mails = new ArrayList<>();
        for (MimeMessage message : SMTP.getReceivedMessages()) {
            try {
                Address[] to = message.getRecipients(Message.RecipientType.TO);
                if (to != null
                        && Arrays.stream(to)
                                .anyMatch(address -> address.toString().equals(email))) {
                    mails.add(message);
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return mails;
    }

    private static String part(MimeMessage mail, String type) throws Exception {
        String found = find((MimeMultipart) mail.getContent(), type);
        if (found == null) {
            throw new AssertionError("No " + type + " part");
        }
        return found;
    }

    private static String find(MimeMultipart multipart, String type) throws Exception {
        for (int i = 0; i < multipart.getCount(); i++) {
            var body = multipart.getBodyPart(i);
            if (body.isMimeType(type)) {
                return (String) body.getContent();
            }
            if (body.getContent() instanceof MimeMultipart nested) {
                String found = find(nested, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
