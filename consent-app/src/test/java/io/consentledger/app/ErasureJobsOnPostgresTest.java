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
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bulk erasure jobs on two nodes sharing one PostgreSQL: any node answers how a job is doing, and a job whose node
 * died shows INTERRUPTED instead of RUNNING for ever.
 */
@EnabledIfPostgres
class ErasureJobsOnPostgresTest {

    @Test
    void anyNodeAnswersAJobAndAJobWhoseNodeDiedIsInterrupted(@TempDir Path dirA, @TempDir Path dirB) throws Exception {
        String schema = "e_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        ConfigurableApplicationContext a = start(schema, "node-a", dirA);
        try (ConfigurableApplicationContext b = start(schema, "node-b", dirB)) {
            Api onA = api(a);
            Api onB = api(b);
            List<String> contacts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                String contactId = "bulk-" + i;
                assertThat(onA.post(
                                        INTEGRATOR,
                                        "/api/v1/contacts",
                                        "{\"contactId\":\"" + contactId
                                                + "\",\"name\":\"Bo\",\"email\":\"bo@example.com\",\"sourceId\":\"import\"}")
                                .status())
                        .isEqualTo(201);
                contacts.add(contactId);
            }

            Api.Response started = onA.post(ADMIN, "/api/v1/retention/erasures", idsBody(contacts.subList(0, 1)));
            assertThat(started.status()).as(started.body()).isEqualTo(202);
            String first = started.json().get("jobId").asText();
            JsonNode finished = awaitState(onB, first, "FINISHED");
            assertThat(finished.get("erased").asInt()).isEqualTo(1);
            assertThat(finished.get("requestedBy").asText()).isEqualTo(ADMIN);

            // A long job on A: the named contacts first, then many ids nobody registered.
            List<String> many = new ArrayList<>(contacts.subList(1, 3));
            many.addAll(IntStream.range(0, 9_000).mapToObj(i -> "nobody-" + i).toList());
            Api.Response longJob = onA.post(ADMIN, "/api/v1/retention/erasures", idsBody(many));
            assertThat(longJob.status()).as(longJob.body()).isEqualTo(202);
            String second = longJob.json().get("jobId").asText();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode job =
                        onB.get(AUDITOR, "/api/v1/retention/erasures/" + second).json();
                assertThat(job.get("state").asText()).isEqualTo("RUNNING");
                assertThat(job.get("processed").asInt()).isPositive();
            });
            // Node A loses its database for good, as a node killed hard does: it can no longer write its heartbeat.
            ((Closeable) a.getBean(DataSource.class)).close();
            JsonNode interrupted = awaitState(onB, second, "INTERRUPTED");
            assertThat(interrupted.get("processed").asInt()).isLessThan(many.size());
            assertThat(interrupted.get("finishedAt").isNull()).isFalse();

            // Erasure is idempotent: asking again (here on B) finishes what the interrupted job did not.
            Api.Response again = onB.post(ADMIN, "/api/v1/retention/erasures", idsBody(contacts));
            assertThat(again.status()).isEqualTo(202);
            JsonNode done = awaitState(onB, again.json().get("jobId").asText(), "FINISHED");
            assertThat(done.get("erased").asInt()).isEqualTo(3);
            for (String contactId : contacts) {
                assertThat(onB.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true")
                                .json()
                                .get("erasedAt")
                                .isNull())
                        .as(contactId)
                        .isFalse();
            }
        } finally {
            a.close();
        }
    }

    private static String idsBody(List<String> contactIds) {
        return contactIds.stream()
                .map(id -> "\"" + id + "\"")
                .collect(Collectors.joining(",", "{\"contactIds\":[", "]}"));
    }

    private static JsonNode awaitState(Api api, String jobId, String state) {
        JsonNode[] job = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Api.Response response = api.get(AUDITOR, "/api/v1/retention/erasures/" + jobId);
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            job[0] = response.json();
            assertThat(job[0].get("state").asText()).isEqualTo(state);
        });
        return job[0];
    }

    private static ConfigurableApplicationContext start(String schema, String nodeId, Path dataDir) {
        String url = TestDatabases.urlOf(schema);
        return SpringApplication.run(
                ConsentLedgerApplication.class,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--consent.data-dir=" + dataDir,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                "--spring.flyway.schemas=" + schema,
                "--consent.node-id=" + nodeId,
                "--consent.profile.secret=erasure-jobs-share-one-secret",
                "--consent.retention.erasure-jobs.heartbeat=200ms",
                "--consent.retention.erasure-jobs.stale-after=3s",
                "--spring.jmx.enabled=false");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
