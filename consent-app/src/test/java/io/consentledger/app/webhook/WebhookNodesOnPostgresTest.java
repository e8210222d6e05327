package io.consentledger.app.webhook;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentledger.app.ConsentLedgerApplication;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import io.consentledger.app.support.WebhookReceiver;
import io.consentledger.app.support.WebhookReceiver.Mode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Webhooks on several nodes sharing one PostgreSQL, and across a restart: the token's claim lets one node deliver at a
 * time, every node follows what any node did to a subscriber, and a service stopped in the middle of a delivery loses
 * nothing.
 */
@EnabledIfPostgres
class WebhookNodesOnPostgresTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Test
    void oneNodeDeliversAtATimeEveryChangeArrivesInOrderOnceAndEveryNodeFollowsPauseAndDeletion() {
        String schema = newSchema();
        try (WebhookReceiver receiver = new WebhookReceiver();
                ConfigurableApplicationContext first = start(schema, "node-a");
                ConfigurableApplicationContext second = start(schema, "node-b")) {
            Api a = api(first);
            Api b = api(second);
            String webhookId = register(a, receiver);
            List<String> contacts = new ArrayList<>();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                Api node = i % 2 == 0 ? a : b;
                String contactId = "nodes-" + UUID.randomUUID().toString().substring(0, 8);
                contacts.add(contactId);
                register(node, contactId);
                grant(node, contactId);
                expected.add(contactId + " CONSENT_GRANTED");
            }

            await().atMost(PATIENCE).until(() -> ours(receiver, contacts).size() == expected.size());
            assertThat(ours(receiver, contacts)).containsExactlyElementsOf(expected);
            assertThat(positions(receiver)).isSorted().doesNotHaveDuplicates();
            assertThat(receiver.mostInFlight())
                    .as("one node delivers at a time")
                    .isEqualTo(1);
            assertThat(first.getBean(WebhookProcessors.class).runsHere(webhookId))
                    .as("every node runs the processor")
                    .isTrue();
            assertThat(second.getBean(WebhookProcessors.class).runsHere(webhookId))
                    .isTrue();

            assertThat(b.post(ADMIN, "/api/v1/webhooks/" + webhookId + "/pause", "")
                            .status())
                    .isEqualTo(200);
            await().atMost(PATIENCE)
                    .until(() -> !first.getBean(WebhookProcessors.class).runsHere(webhookId)
                            && !second.getBean(WebhookProcessors.class).runsHere(webhookId));
            assertThat(a.get(ADMIN, "/api/v1/webhooks/" + webhookId)
                            .json()
                            .get("state")
                            .asText())
                    .isEqualTo("PAUSED");

            assertThat(a.post(ADMIN, "/api/v1/webhooks/" + webhookId + "/resume", "")
                            .status())
                    .isEqualTo(200);
            await().atMost(PATIENCE)
                    .until(() -> first.getBean(WebhookProcessors.class).runsHere(webhookId)
                            && second.getBean(WebhookProcessors.class).runsHere(webhookId));

            assertThat(b.send(b.request(ADMIN, "/api/v1/webhooks/" + webhookId)
                                    .DELETE()
                                    .build())
                            .status())
                    .isEqualTo(204);
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            await().atMost(PATIENCE)
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM TokenEntry WHERE processorName = ?")
                                            .param("webhook-" + webhookId)
                                            .query(Long.class)
                                            .single()
                                    + jdbc.sql("SELECT COUNT(*) FROM webhook_subscriber")
                                            .query(Long.class)
                                            .single()
                            == 0);
            assertThat(first.getBean(WebhookProcessors.class).runsHere(webhookId))
                    .isFalse();
            assertThat(second.getBean(WebhookProcessors.class).runsHere(webhookId))
                    .isFalse();
        }
    }

    @Test
    void aServiceStoppedInTheMiddleOfADeliveryLosesNothingAndDeliversInOrderAfterItsRestart() {
        String schema = newSchema();
        List<String> contacts = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        try (WebhookReceiver receiver = new WebhookReceiver()) {
            try (ConfigurableApplicationContext first = start(schema, "node-a")) {
                Api a = api(first);
                register(a, receiver);
                receiver.mode(Mode.HOLD);
                for (int i = 0; i < 3; i++) {
                    String contactId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
                    contacts.add(contactId);
                    register(a, contactId);
                    grant(a, contactId);
                    expected.add(contactId + " CONSENT_GRANTED");
                }
                await().atMost(PATIENCE).until(() -> receiver.holding() == 1);
            }
            receiver.release();
            receiver.mode(Mode.ACCEPT);
            assertThat(receiver.acknowledged())
                    .as("nothing acknowledged before the restart")
                    .isEmpty();

            try (ConfigurableApplicationContext second = start(schema, "node-a")) {
                Api a = api(second);
                String contactId = "restart-" + UUID.randomUUID().toString().substring(0, 8);
                contacts.add(contactId);
                register(a, contactId);
                grant(a, contactId);
                expected.add(contactId + " CONSENT_GRANTED");

                await().atMost(PATIENCE).until(() -> ours(receiver, contacts).size() == expected.size());
                assertThat(ours(receiver, contacts)).containsExactlyElementsOf(expected);
                assertThat(positions(receiver)).isSorted().doesNotHaveDuplicates();
            }
        }
    }

    private static String register(Api api, WebhookReceiver receiver) {
        Api.Response response = api.post(
                ADMIN,
                "/api/v1/webhooks",
                "{\"url\":\"" + receiver.url() + "\",\"changes\":[\"CONSENT_GRANTED\"],\"from\":\"beginning\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        receiver.secret(response.json().get("secret").asText());
        return response.json().get("webhookId").asText();
    }

    private static void register(Api api, String contactId) {
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts",
                "{\"contactId\":\"" + contactId
                        + "\",\"name\":\"Ann\",\"email\":\"ann@example.com\",\"sourceId\":\"import\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static void grant(Api api, String contactId) {
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    private static List<String> ours(WebhookReceiver receiver, List<String> contacts) {
        return receiver.acknowledged(contacts::contains).stream()
                .map(change -> change.get("contactId").asText() + " "
                        + change.get("change").asText())
                .toList();
    }

    private static List<Long> positions(WebhookReceiver receiver) {
        return receiver.acknowledged().stream()
                .map(change -> change.get("position").asLong())
                .toList();
    }

    private static String newSchema() {
        return "w_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** A node with the test settings (fast webhook retries, private addresses allowed); the database is shared. */
    private static ConfigurableApplicationContext start(String schema, String nodeId) {
        return SpringApplication.run(
                ConsentLedgerApplication.class,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.datasource.url=" + TestDatabases.urlOf(schema),
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                "--spring.flyway.schemas=" + schema,
                "--consent.node-id=" + nodeId,
                "--consent.data-dir=" + dataDir(),
                "--spring.jmx.enabled=false");
    }

    private static String dataDir() {
        try {
            return Files.createTempDirectory("consent-ledger-webhooks").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
