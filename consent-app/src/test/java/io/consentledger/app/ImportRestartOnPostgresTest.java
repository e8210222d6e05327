package io.consentledger.app;

import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
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
 * An import survives its node: two nodes of the service on one PostgreSQL schema, an import started on the first,
 * the first stopped half-way through, and the second finishes it. Every row is recorded exactly once.
 */
@EnabledIfPostgres
class ImportRestartOnPostgresTest {

    private static final int ROWS = 3000;

    private final String dataDir;
    private final String schema = "i_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);

    ImportRestartOnPostgresTest() throws IOException {
        dataDir = Files.createTempDirectory("consent-ledger-import").toString();
    }

    @Test
    void anImportStoppedHalfWayIsFinishedByAnotherNodeWithNothingLostOrRecordedTwice() {
        String prefix = "rst-" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder("contactId,name,email,sourceId,purposeId,status,capturedAt\n");
        for (int i = 0; i < ROWS; i++) {
            file.append(prefix)
                    .append('-')
                    .append(i)
                    .append(",Ann Smith,ann")
                    .append(i)
                    .append("@example.com,import,e-marketing,GRANTED,2024-03-01T12:00:00Z\n");
        }
        String location;
        ConfigurableApplicationContext second = null;
        try {
            try (ConfigurableApplicationContext first = start("node-a")) {
                JdbcClient firstJdbc = first.getBean(JdbcClient.class);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> "node-a"
                                .equals(firstJdbc
                                        .sql("SELECT owner FROM TokenEntry WHERE processorName = 'imports'")
                                        .query(String.class)
                                        .optional()
                                        .orElse(null)));
                second = start("node-b");
                Api api = api(first);
                Api.Response response = api.send(api.request(INTEGRATOR, "/api/v1/imports")
                        .header("Content-Type", "text/csv")
                        .POST(HttpRequest.BodyPublishers.ofString(file.toString(), StandardCharsets.UTF_8))
                        .build());
                assertThat(response.status()).as(response.body()).isEqualTo(202);
                location = response.header("Location");
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(20))
                        .until(() -> api.get(INTEGRATOR, location)
                                        .json()
                                        .get("processed")
                                        .asLong()
                                > 0);
            }
            Api api = api(second);
            JsonNode stopped = api.get(INTEGRATOR, location).json();
            assertThat(stopped.get("state").asText())
                    .as("the first node stopped half-way")
                    .isEqualTo("RUNNING");

            List<JsonNode> finished = new ArrayList<>();
            await().atMost(Duration.ofMinutes(3)).until(() -> {
                JsonNode job = api.get(INTEGRATOR, location).json();
                finished.add(0, job);
                return "FINISHED".equals(job.get("state").asText());
            });

            JsonNode job = finished.get(0);
            assertThat(job.get("total").asLong()).isEqualTo(ROWS);
            assertThat(job.get("imported").asLong()).isEqualTo(ROWS);
            assertThat(job.get("processed").asLong()).isEqualTo(ROWS);
            JdbcClient jdbc = second.getBean(JdbcClient.class);
            // Each contact: registered, its default basis for sales and service, its consent; once each.
            assertThat(jdbc.sql("SELECT COUNT(*) FROM domainevententry WHERE aggregateIdentifier LIKE ?")
                            .param(prefix + "-%")
                            .query(Long.class)
                            .single())
                    .isEqualTo(3L * ROWS);
            assertThat(jdbc.sql("SELECT COUNT(DISTINCT aggregateIdentifier) FROM domainevententry"
                                    + " WHERE aggregateIdentifier LIKE ? AND payloadType LIKE '%ConsentGranted'")
                            .param(prefix + "-%")
                            .query(Long.class)
                            .single())
                    .isEqualTo(ROWS);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM import_row")
                            .query(Long.class)
                            .single())
                    .as("no staged row outlives its chunk")
                    .isZero();
        } finally {
            if (second != null) {
                second.close();
            }
        }
    }

    private ConfigurableApplicationContext start(String nodeId) {
        String url = TestDatabases.urlOf(schema);
        return SpringApplication.run(ConsentLedgerApplication.class, new String[] {
            "--spring.profiles.active=test",
            "--server.port=0",
            "--spring.jmx.enabled=false",
            "--consent.node-id=" + nodeId,
            "--consent.imports.chunk-size=50",
            "--consent.data-dir=" + dataDir,
            "--spring.datasource.url=" + url,
            "--spring.datasource.username=" + TestDatabases.PG_USER,
            "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
            "--spring.flyway.schemas=" + schema
        });
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
