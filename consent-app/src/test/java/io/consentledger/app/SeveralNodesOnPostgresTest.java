package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import java.time.Duration;
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

    @Test
    void eachNodeSeesWhatTheOtherRecordedAndRefusesWhatTheOtherRetired() {
        String schema = newSchema();
        try (ConfigurableApplicationContext first = start(schema, "node-a", 0);
                ConfigurableApplicationContext second = start(schema, "node-b", 0)) {
            Api a = api(first);
            Api b = api(second);
            String contactId = "multi-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(a.post(
                                    INTEGRATOR,
                                    "/api/v1/contacts",
                                    "{\"contactId\":\"" + contactId
                                            + "\",\"name\":\"Ann\",\"email\":\"ann@example.com\",\"sourceId\":\"import\"}")
                            .status())
                    .isEqualTo(201);
            for (int round = 0; round < 3; round++) {
                assertThat(b.post(
                                        INTEGRATOR,
                                        "/api/v1/contacts/" + contactId + "/consents",
                                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}")
                                .status())
                        .isEqualTo(201);
                assertThat(marketingStatus(a, contactId)).isEqualTo("GRANTED");
                assertThat(a.post(
                                        INTEGRATOR,
                                        "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                                        "{\"sourceId\":\"email\"}")
                                .status())
                        .isEqualTo(200);
                assertThat(marketingStatus(b, contactId)).isEqualTo("WITHDRAWN");
            }

            String purposeId = "p-" + UUID.randomUUID().toString().substring(0, 8);
            assertThat(a.post(
                                    ADMIN,
                                    "/api/v1/purposes",
                                    "{\"purposeId\":\"" + purposeId
                                            + "\",\"name\":\"Events\",\"requiresConsent\":true}")
                            .status())
                    .isEqualTo(201);
            assertThat(a.post(ADMIN, "/api/v1/purposes/" + purposeId + "/retire", "{}")
                            .status())
                    .isEqualTo(200);
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(b.post(
                                            INTEGRATOR,
                                            "/api/v1/contacts/" + contactId + "/consents",
                                            "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"web-form\"}")
                                    .status())
                            .isEqualTo(409));
        }
    }

    @Test
    void concurrentWritesThroughBothNodesAreEachStoredOnce() throws Exception {
        String schema = newSchema();
        try (ConfigurableApplicationContext first = start(schema, "node-a", 10_000);
                ConfigurableApplicationContext second = start(schema, "node-b", 10_000)) {
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

    private static ConfigurableApplicationContext start(String schema, String nodeId, int cachedContacts) {
        String url =
                TestDatabases.PG_URL + (TestDatabases.PG_URL.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return SpringApplication.run(
                ConsentLedgerApplication.class,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                "--spring.flyway.schemas=" + schema,
                "--consent.node-id=" + nodeId,
                "--consent.profile.secret=several-nodes-share-one-secret",
                "--consent.command.cache-aggregates=" + cachedContacts,
                "--spring.jmx.enabled=false");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
