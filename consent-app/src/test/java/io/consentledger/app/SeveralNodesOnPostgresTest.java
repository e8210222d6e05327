package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.FormClient;
import io.consentledger.app.support.TestDatabases;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Two nodes of the service on one PostgreSQL, as a scaled-out installation runs them. */
@EnabledIfPostgres
class SeveralNodesOnPostgresTest {

    /**
     * The reproduction, with the default settings (aggregate cache on): node A caches the contact, node B
     * changes it, and node A decides on the contact's latest state, not on its copy.
     */
    @Test
    void aWithdrawalOnOneNodeSeesTheConsentAnotherNodeRecorded() {
        String schema = newSchema();
        try (ConfigurableApplicationContext first = start(schema, "node-a");
                ConfigurableApplicationContext second = start(schema, "node-b")) {
            Api a = api(first);
            Api b = api(second);
            String contactId = "multi-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(register(a, contactId).status()).isEqualTo(201);
            for (int round = 0; round < 3; round++) {
                assertThat(grant(a, contactId, "e-marketing", "web-form").status())
                        .isEqualTo(201);
                assertThat(withdraw(a, contactId).status()).isEqualTo(200);
                assertThat(grant(b, contactId, "e-marketing", "web-form").status())
                        .isEqualTo(201);
                Api.Response withdrawal = withdraw(a, contactId);
                assertThat(withdrawal.status()).as(withdrawal.body()).isEqualTo(200);
                for (Api node : List.of(a, b)) {
                    assertThat(marketingStatus(node, contactId)).isEqualTo("WITHDRAWN");
                    assertThat(check(node, contactId).get("allowed").asBoolean())
                            .isFalse();
                }
            }
        }
    }

    /** A catalog change committed on one node holds on the other from its very next command: no waiting. */
    @Test
    void aPurposeOrSourceDefinedOrRetiredOnOneNodeCountsOnTheOtherAtOnce() {
        String schema = newSchema();
        try (ConfigurableApplicationContext first = start(schema, "node-a");
                ConfigurableApplicationContext second = start(schema, "node-b")) {
            Api a = api(first);
            Api b = api(second);
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            String contactId = "catalog-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(register(b, contactId).status()).isEqualTo(201);
            String purposeId = "p-" + UUID.randomUUID().toString().substring(0, 8);
            String sourceId = "s-" + UUID.randomUUID().toString().substring(0, 8);
            for (int round = 0; round < 3; round++) {
                String purpose = purposeId + "-" + round;
                String source = sourceId + "-" + round;
                assertThat(a.post(
                                        ADMIN,
                                        "/api/v1/purposes",
                                        "{\"purposeId\":\"" + purpose
                                                + "\",\"name\":\"Events\",\"requiresConsent\":true}")
                                .status())
                        .isEqualTo(201);
                assertThat(a.post(ADMIN, "/api/v1/sources", "{\"sourceId\":\"" + source + "\",\"name\":\"Fair\"}")
                                .status())
                        .isEqualTo(201);
                long version = catalogVersion(jdbc);
                assertThat(grant(b, contactId, purpose, source).status()).isEqualTo(201);
                assertThat(catalogVersion(jdbc))
                        .as("a contact's change leaves the catalog's version alone")
                        .isEqualTo(version);

                assertThat(a.post(ADMIN, "/api/v1/purposes/" + purpose + "/retire", "{}")
                                .status())
                        .isEqualTo(200);
                Api.Response retiredPurpose = grant(b, contactId, purpose, "web-form");
                assertThat(retiredPurpose.status()).isEqualTo(409);
                assertThat(retiredPurpose.body()).contains("purpose-retired");

                assertThat(a.post(ADMIN, "/api/v1/sources/" + source + "/retire", "{}")
                                .status())
                        .isEqualTo(200);
                Api.Response retiredSource = grant(b, contactId, "e-marketing", source);
                assertThat(retiredSource.status()).isEqualTo(409);
                assertThat(retiredSource.body()).contains("source-retired");
            }
        }
    }

    @Test
    void aBackOfficeSignInOnOneNodeHoldsOnTheOther() throws Exception {
        String schema = newSchema();
        try (ConfigurableApplicationContext first = start(schema, "node-a");
                ConfigurableApplicationContext second = start(schema, "node-b")) {
            FormClient browser = new FormClient(port(first));
            browser.signIn(ADMIN, "admin-secret");
            String otherNode = "http://localhost:" + port(second);

            HttpResponse<String> home = browser.get(otherNode + "/", "en");
            assertThat(home.statusCode()).as("signed in on the other node too").isEqualTo(200);
            // A form's CSRF token, kept in the session, holds on the other node as well.
            HttpResponse<String> signedOut =
                    browser.post(otherNode + "/logout", FormClient.csrf(browser.get("/", "en")));
            assertThat(FormClient.location(signedOut)).endsWith("/login?logout");
            assertThat(FormClient.location(browser.get("/", "en"))).endsWith("/login");
        }
    }

    @Test
    void concurrentWritesThroughBothNodesAreEachStoredOnce() throws Exception {
        String schema = newSchema();
        try (ConfigurableApplicationContext first = start(schema, "node-a");
                ConfigurableApplicationContext second = start(schema, "node-b")) {
            List<Api> nodes = List.of(api(first), api(second));
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                String contactId = "both-" + i;
                assertThat(nodes.get(i % 2)
                                .post(
                                        INTEGRATOR,
                                        "/api/v1/contacts",
                                        "{\"contactId\":\"" + contactId
                                                + "\",\"name\":\"Bo\",\"email\":\"bo@example.com\",\"sourceId\":\"import\"}")
                                .status())
                        .isEqualTo(201);
                contacts.add(contactId);
            }
            Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
            contacts.forEach(contact -> acknowledged.put(contact, new AtomicInteger()));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> clients = new ArrayList<>();
                for (int t = 0; t < 6; t++) {
                    Api node = nodes.get(t % 2);
                    clients.add(pool.submit(() -> {
                        for (int i = 0; i < 40; i++) {
                            String contact =
                                    contacts.get(ThreadLocalRandom.current().nextInt(contacts.size()));
                            Api.Response response = node.post(
                                    INTEGRATOR,
                                    "/api/v1/contacts/" + contact + "/consents",
                                    "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}");
                            assertThat(response.status()).as(response.body()).isIn(201, 409);
                            if (response.status() == 201) {
                                acknowledged.get(contact).incrementAndGet();
                            } else {
                                assertThat(response.body()).contains("concurrent-modification");
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> client : clients) {
                    client.get();
                }
            } finally {
                pool.shutdownNow();
            }
            JdbcClient jdbc = first.getBean(JdbcClient.class);
            for (String contact : contacts) {
                long events = jdbc.sql("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?")
                        .param(contact)
                        .query(Long.class)
                        .single();
                assertThat(events)
                        .as(contact)
                        .isEqualTo(2L + acknowledged.get(contact).get());
                JsonNode history = nodes.get(1)
                        .get(AUDITOR, "/api/v1/contacts/" + contact + "/history?size=500&wait=true")
                        .json();
                assertThat(history.get("totalElements").asLong()).isEqualTo(events);
            }
        }
    }

    private static Api.Response register(Api api, String contactId) {
        return api.post(
                INTEGRATOR,
                "/api/v1/contacts",
                "{\"contactId\":\"" + contactId
                        + "\",\"name\":\"Ann\",\"email\":\"ann@example.com\",\"sourceId\":\"import\"}");
    }

    private static Api.Response grant(Api api, String contactId, String purposeId, String sourceId) {
        return api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"" + sourceId + "\"}");
    }

    private static Api.Response withdraw(Api api, String contactId) {
        return api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                "{\"sourceId\":\"email\"}");
    }

    private static JsonNode check(Api api, String contactId) {
        return api.get(INTEGRATOR, "/api/v1/consents/check?contactId=" + contactId + "&purposeId=e-marketing&wait=true")
                .json();
    }

    private static long catalogVersion(JdbcClient jdbc) {
        return jdbc.sql("SELECT version FROM command_catalog_version")
                .query(Long.class)
                .single();
    }

    private static String marketingStatus(Api api, String contactId) {
        JsonNode basis = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/legal-basis?wait=true")
                .json();
        for (JsonNode purpose : basis.get("purposes")) {
            if (purpose.get("purposeId").asText().equals("e-marketing")) {
                return purpose.get("status").asText();
            }
        }
        throw new AssertionError("No e-marketing entry in " + basis);
    }

    private static String newSchema() {
        return "n_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    }

    /** A node with the default settings, as an installation runs it; only the database and node id are its own. */
    private static ConfigurableApplicationContext start(String schema, String nodeId) {
        String url = TestDatabases.urlOf(schema);
        return SpringApplication.run(
                ConsentLedgerApplication.class,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                "--spring.flyway.schemas=" + schema,
                "--consent.node-id=" + nodeId,
                // Each node its own data directory (the erasure journal lives there), as on separate machines.
                "--consent.data-dir=" + dataDir(),
                "--spring.jmx.enabled=false");
    }

    private static String dataDir() {
        try {
            return Files.createTempDirectory("consent-ledger-node").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
