package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.Mailbox;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The health probes a load balancer and an orchestrator use: readiness follows the database, liveness the process,
 * and an unreachable SMTP server is reported without taking the node out of service.
 */
class HealthProbesTest {

    @Test
    void anUnreachableSmtpServerIsReportedButTheNodeStaysReady(@TempDir Path dataDir) {
        int nothingListens = Mailbox.freePort();
        try (ConfigurableApplicationContext node = start(dataDir, nothingListens)) {
            Api api = api(node);
            Api.Response health = api.get(null, "/actuator/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            JsonNode body = health.json();
            assertThat(body.get("status").asText()).isEqualTo("DEGRADED");
            assertThat(body.at("/components/mail/status").asText()).isEqualTo("DEGRADED");
            assertThat(body.at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(body.at("/components/mail/details").isMissingNode())
                    .as("no SMTP host or error text for anonymous callers")
                    .isTrue();

            Api.Response readiness = api.get(null, "/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
            assertThat(readiness.json().get("status").asText()).isEqualTo("UP");
            assertThat(readiness.json().at("/components/db/status").asText()).isEqualTo("UP");
            assertThat(readiness.json().at("/components/mail").isMissingNode()).isTrue();
            Api.Response liveness = api.get(null, "/actuator/health/liveness");
            assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
            assertThat(liveness.json().get("status").asText()).isEqualTo("UP");

            assertThat(api.get(Api.AUDITOR, "/api/v1/purposes").status())
                    .as("the API answers during the mail outage")
                    .isEqualTo(200);
        }
    }

    @Test
    void aReachableSmtpServerIsUp(@TempDir Path dataDir) {
        int port = Mailbox.freePort();
        GreenMail smtp = new GreenMail(Mailbox.smtpOn(port))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        smtp.start();
        try (ConfigurableApplicationContext node = start(dataDir, port)) {
            JsonNode health = api(node).get(null, "/actuator/health").json();
            assertThat(health.get("status").asText()).isEqualTo("UP");
            assertThat(health.at("/components/mail/status").asText()).isEqualTo("UP");
        } finally {
            smtp.stop();
        }
    }

    @Test
    void withoutItsDatabaseTheNodeIsNotReadyButStillAlive(@TempDir Path dataDir) throws Exception {
        try (ConfigurableApplicationContext node = start(dataDir, Mailbox.freePort())) {
            Api api = api(node);
            assertThat(api.get(null, "/actuator/health/readiness").status()).isEqualTo(200);
            // The pool closed is, to this node, a database that no longer answers.
            ((java.io.Closeable) node.getBean(DataSource.class)).close();

            Api.Response readiness = api.get(null, "/actuator/health/readiness");
            assertThat(readiness.status()).as(readiness.body()).isEqualTo(503);
            assertThat(readiness.json().at("/components/db/status").asText()).isEqualTo("DOWN");
            assertThat(api.get(null, "/actuator/health").status()).isEqualTo(503);
            Api.Response liveness = api.get(null, "/actuator/health/liveness");
            assertThat(liveness.status()).as(liveness.body()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir, int smtpPort) {
        return SpringApplication.run(
                ConsentLedgerApplication.class,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--consent.data-dir=" + dataDir,
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--spring.jmx.enabled=false");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
