package io.consentledger.app;

import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.Mailbox;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** A confirmation email waiting for its next attempt survives a restart of the service, and goes out once. */
abstract class ConfirmationEmailRestartContract {

    /** A free port of this class's own, so that test runs side by side never share a mail server. */
    static final int SMTP_PORT = Mailbox.freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(Mailbox.smtpOn(SMTP_PORT))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(true);

    /** Arguments that put the service on this test's database; the same on every start. */
    abstract List<String> databaseArguments();

    @Test
    void aPendingRetrySurvivesARestartAndDeliversOnce() {
        String contactId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
        String email = contactId + "@example.com";
        SMTP.stop();
        try (ConfigurableApplicationContext first = start()) {
            Api api = api(first);
            assertThat(api.post(
                                    INTEGRATOR,
                                    "/api/v1/contacts",
                                    "{\"contactId\":\"" + contactId
                                            + "\",\"name\":\"Ann Smith\",\"email\":\"" + email
                                            + "\",\"sourceId\":\"business-card\"}")
                            .status())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> changes(api, contactId).contains("CONFIRMATION_EMAIL_FAILED"));
        }
        SMTP.start();
        try (ConfigurableApplicationContext second = start()) {
            Api api = api(second);
            await().atMost(Duration.ofSeconds(30)).until(() -> SMTP.getReceivedMessages().length == 1);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> changes(api, contactId).contains("CONFIRMATION_EMAIL_SENT"));
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> SMTP.getReceivedMessages().length == 1);
        }
    }

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>(List.of(
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.jmx.enabled=false",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP_PORT,
                "--consent.mail.first-retry=2s",
                "--db-scheduler.polling-interval=200ms"));
        args.addAll(databaseArguments());
        return SpringApplication.run(ConsentLedgerApplication.class, args.toArray(String[]::new));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }

    private static List<String> changes(Api api, String contactId) {
        List<String> changes = new ArrayList<>();
        Api.Response history = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?size=500&wait=true");
        if (history.status() == 200) {
            history.json()
                    .get("items")
                    .forEach(item -> changes.add(item.get("change").asText()));
        }
        return changes;
    }
}
