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
import io.consentledger.command.Sha256;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationContext;
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
class ConfirmationEmailTest extends LedgerTest {

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
    private ApplicationContext context;

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

    /** Every seeded source, as its contacts read it in English and in Danish (Art. 14(2)(f)). */
    static Stream<Arguments> seededSources() {
        return Stream.of(
                Arguments.of("business-card", "en", "a business card, e.g. after we met"),
                Arguments.of("business-card", "da", "et visitkort, f.eks. efter et møde"),
                Arguments.of("email", "en", "an email you sent us"),
                Arguments.of("email", "da", "en e-mail, du sendte os"),
                Arguments.of("chat", "en", "a chat with you"),
                Arguments.of("chat", "da", "en chat med dig"),
                Arguments.of("web-form", "en", "a form you filled in on our website"),
                Arguments.of("web-form", "da", "en formular, du udfyldte på vores hjemmeside"),
                Arguments.of("phone", "en", "a phone call with you"),
                Arguments.of("phone", "da", "en telefonsamtale med dig"),
                Arguments.of("import", "en", "another system of ours"),
                Arguments.of("import", "da", "et andet af vores systemer"),
                Arguments.of("profile-page", "en", "your own profile page"),
                Arguments.of("profile-page", "da", "din egen profilside"));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("seededSources")
    void namesTheSeededSourceWithItsDetailInThePersonsLanguage(String sourceId, String locale, String wording)
            throws Exception {
        String contactId = uniqueId("source");
        String email = contactId + "@example.com";
        register(contactId, email, sourceId, locale, "Stand 12");
        if (sourceId.equals("import") || sourceId.equals("profile-page")) {
            // These sources send nothing on registration; the email is asked for again.
            assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/confirmation-email", "")
                            .status())
                    .isEqualTo(202);
        }
        MimeMessage mail = mailbox.awaitMails(email, 1).get(0);
        String sentence = locale.equals("da")
                ? "Vi fik dine oplysninger fra " + wording + " (Stand 12) den "
                : "We got your details from " + wording + " (Stand 12) on ";
        assertThat(Mailbox.part(mail, "text/plain")).contains(sentence);
        assertThat(Mailbox.part(mail, "text/html")).contains(sentence);
    }

    @Test
    void namesAnOwnSourceByItsNameWithTheDetailAlsoWhenItsLookupRowPredatesNames() throws Exception {
        String sourceId = uniqueId("fair");
        Api.Response defined = api.post(ADMIN, "/api/v1/sources", """
                {"sourceId":"%s","name":"Trade fair","sendConfirmation":true}""".formatted(sourceId));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);

        String english = uniqueId("mail");
        register(english, english + "@example.com", sourceId, "en", "Stand 12");
        assertThat(Mailbox.part(mailbox.awaitMails(english + "@example.com", 1).get(0), "text/plain"))
                .contains("We got your details from Trade fair (Stand 12) on ");
        String danish = uniqueId("mail");
        register(danish, danish + "@example.com", sourceId, "da", null);
        assertThat(Mailbox.part(mailbox.awaitMails(danish + "@example.com", 1).get(0), "text/plain"))
                .contains("Vi fik dine oplysninger fra Trade fair den ");

        // A lookup row written before the table kept names, as an upgraded installation has it.
        jdbc.sql("UPDATE command_source SET name = NULL WHERE source_id = ?")
                .param(sourceId)
                .update();
        jdbc.sql("UPDATE command_catalog_version SET version = version + 1").update();
        context.getBean("sourceNames", ApplicationRunner.class).run(null);
        assertThat(jdbc.sql("SELECT name FROM command_source WHERE source_id = ?")
                        .param(sourceId)
                        .query(String.class)
                        .single())
                .isEqualTo("Trade fair");
        String upgraded = uniqueId("mail");
        register(upgraded, upgraded + "@example.com", sourceId, "en", "Stand 12");
        assertThat(Mailbox.part(mailbox.awaitMails(upgraded + "@example.com", 1).get(0), "text/plain"))
                .contains("We got your details from Trade fair (Stand 12) on ");
    }

    @Test
    void anEmailWaitingForItsNextAttemptIsDroppedWhenTheContactIsErased() {
        String contactId = uniqueId("mail");
        SMTP.stop();
        try {
            register(contactId, contactId + "@example.com", "email", "en");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> changes(contactId, null).contains("CONFIRMATION_EMAIL_FAILED"));
            assertThat(sagaStates(contactId)).hasSize(1);
            Api.Response erased = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "");
            assertThat(erased.status()).as(erased.body()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> sagaStates(contactId).isEmpty());
        } finally {
            SMTP.start();
        }
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
            // The waiting process keeps ids only: the name and address are read from the event store per attempt.
            assertThat(sagaStates(contactId))
                    .singleElement()
                    .satisfies(state -> assertThat(state)
                            .contains(contactId + "/confirmation-1")
                            .doesNotContain("Ann Smith")
                            .doesNotContain(email));
        } finally {
            SMTP.start();
        }
        MimeMessage delivered = mailbox.awaitMails(email, 1).get(0);
        assertThat(delivered.getMessageID()).isEqualTo(messageId(contactId + "/confirmation-1"));
        List<String> changes = changes(contactId, "CONFIRMATION_EMAIL_SENT");
        assertThat(changes).filteredOn("CONFIRMATION_EMAIL_SENT"::equals).hasSize(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sagaStates(contactId).isEmpty());
        assertThat(mailbox.to(email))
                .as("no attempt follows the end of the process")
                .hasSize(1);

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
        assertThat(failed.get("attempt").asInt()).isEqualTo(1);
        assertThat(failed.get("errorKind").asText()).isEqualTo("connection");
        Instant next = Instant.parse(failed.get("nextAttemptAt").asText());
        assertThat(failed.get("reason").isNull()).isTrue();
        assertThat(failed.get("detail").asText())
                .isEqualTo("Attempt 1 failed (connection); next attempt at "
                        + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
                                .withZone(ZoneOffset.UTC)
                                .format(next));
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
        List<MimeMessage> mails = mailbox.awaitMails(email, 2);
        assertThat(mails.get(0).getMessageID()).isEqualTo(messageId(contactId + "/confirmation-1"));
        assertThat(mails.get(1).getMessageID()).isEqualTo(messageId(contactId + "/confirmation-2"));
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

        // Every projection the service has, whichever it is, is rebuilt from the first event on.
        JsonNode projections = api.get(AUDITOR, "/api/v1/admin/projections").json();
        assertThat(projections.findValuesAsText("name")).isNotEmpty();
        for (String name : projections.findValuesAsText("name")) {
            Api.Response replay = api.post(ADMIN, "/api/v1/admin/projections/" + name + "/replay", "");
            assertThat(replay.status()).as(replay.body()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode status = api.get(AUDITOR, "/api/v1/admin/projections").json();
                for (JsonNode projection : status) {
                    if (projection.get("name").asText().equals(name)) {
                        assertThat(projection.get("replaying").asBoolean()).isFalse();
                        assertThat(projection.get("position").asLong())
                                .isGreaterThanOrEqualTo(projection.get("total").asLong());
                    }
                }
            });
        }
        assertThat(changes(contactId, "CONFIRMATION_EMAIL_SENT"))
                .as("the history was rebuilt")
                .isNotEmpty();

        // A later email goes out: what the rebuilt projections could have sent before it has arrived too.
        String later = uniqueId("mail");
        register(later, later + "@example.com", "chat", "en");
        mailbox.awaitMails(later + "@example.com", 1);
        assertThat(mailbox.to(email)).hasSize(1);
        assertThat(SMTP.getReceivedMessages()).hasSize(before + 1);
    }

    @Test
    void importedContactsGetNoConfirmationEmailUnlessTheImportAsksForIt() {
        String quiet = uniqueId("imported");
        String told = uniqueId("imported");
        importRow(quiet, false);

        importRow(told, true);

        mailbox.awaitMails(told + "@example.com", 1);
        assertThat(changes(told, "CONFIRMATION_EMAIL_SENT")).contains("CONFIRMATION_EMAIL_REQUESTED");
        // The email process handles requests in the order they were recorded: one for the first import would have
        // been sent before the second's.
        assertThat(changes(quiet, "CONSENT_GRANTED")).doesNotContain("CONFIRMATION_EMAIL_REQUESTED");
        assertThat(mailbox.to(quiet + "@example.com")).isEmpty();
    }

    /** Imports a contact from a business card (a source that sends confirmation emails) with consent to e-marketing. */
    private void importRow(String contactId, boolean sendConfirmation) {
        String file = "contactId,name,email,sourceId,purposeId\n" + contactId + ",Ann Smith," + contactId
                + "@example.com,business-card,e-marketing\n";
        Api.Response response = api.send(api.request(INTEGRATOR, "/api/v1/imports?sendConfirmation=" + sendConfirmation)
                .header("Content-Type", "text/csv")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(file))
                .build());
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.get(INTEGRATOR, response.header("Location"))
                        .json()
                        .get("state")
                        .asText()
                        .equals("FINISHED"));
        assertThat(api.get(INTEGRATOR, response.header("Location"))
                        .json()
                        .get("imported")
                        .asLong())
                .isEqualTo(1);
    }

    private void register(String contactId, String email, String sourceId, String locale) {
        register(contactId, email, sourceId, locale, null);
    }

    private void register(String contactId, String email, String sourceId, String locale, String sourceDetail) {
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts",
                "{\"contactId\":\"" + contactId + "\",\"name\":\"Ann Smith\",\"email\":\"" + email
                        + "\",\"sourceId\":\"" + sourceId + "\""
                        + (locale == null ? "" : ",\"locale\":\"" + locale + "\"")
                        + (sourceDetail == null ? "" : ",\"sourceDetail\":\"" + sourceDetail + "\"") + "}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** The Message-ID of a request's email: a digest of the request id at the sender's domain (documented). */
    private static String messageId(String requestId) {
        return "<confirmation." + Sha256.hex(requestId).substring(0, 32) + "@example.com>";
    }
}
