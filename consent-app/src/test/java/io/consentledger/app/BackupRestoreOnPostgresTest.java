package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A backup taken before an erasure, restored with PostgreSQL's own tools, does not bring the erased person back: the
 * erasure journal, kept outside the database, is re-applied before the node serves a request.
 */
@EnabledIfPostgres
class BackupRestoreOnPostgresTest {

    private static final String NAME = "Zelda Quinterro";

    @Test
    void aContactErasedAfterTheBackupIsErasedAgainWhenTheRestoredDatabaseStarts(
            @TempDir Path dataDir, @TempDir Path backups) throws Exception {
        String schema = "r_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        Path dump = backups.resolve("ledger.dump");
        String erased = "erased-" + UUID.randomUUID().toString().substring(0, 8);
        String kept = "kept-" + UUID.randomUUID().toString().substring(0, 8);
        String late = "late-" + UUID.randomUUID().toString().substring(0, 8);

        try (ConfigurableApplicationContext node = start(schema, dataDir)) {
            Api api = api(node);
            for (String contactId : List.of(erased, kept)) {
                Api.Response registered = api.post(INTEGRATOR, "/api/v1/contacts", registration(contactId));
                assertThat(registered.status()).as(registered.body()).isEqualTo(201);
                assertThat(name(api, contactId)).isEqualTo(NAME);
            }

            run("pg_dump", "--format=custom", "--schema=" + schema, "--file=" + dump, database());

            Api.Response erasure = api.post(ADMIN, "/api/v1/contacts/" + erased + "/erasure", "");
            assertThat(erasure.status()).as(erasure.body()).isEqualTo(200);
            assertThat(keys(node, erased)).isZero();
            // Registered and erased after the backup: the restored store will not know them at all.
            assertThat(api.post(INTEGRATOR, "/api/v1/contacts", registration(late))
                            .status())
                    .isEqualTo(201);
            assertThat(api.post(ADMIN, "/api/v1/contacts/" + late + "/erasure", "")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(Files.readAllLines(journalOf(dataDir), StandardCharsets.UTF_8))
                .as("the erasure is journaled outside the database")
                .contains(erased);

        try (Connection connection =
                DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)) {
            connection.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
        }
        run("pg_restore", "--dbname=" + database(), dump.toString());
        try (Connection connection =
                DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)) {
            var found = connection
                    .createStatement()
                    .executeQuery(
                            "SELECT COUNT(*) FROM " + schema + ".contact_key WHERE contact_id = '" + erased + "'");
            found.next();
            assertThat(found.getLong(1))
                    .as("the restored backup brought the erased contact's key back")
                    .isEqualTo(1);
        }

        try (ConfigurableApplicationContext node = start(schema, dataDir)) {
            // Checked before any request: the journal was re-applied while the node started.
            assertThat(keys(node, erased)).as("the key is gone again").isZero();
            assertThat(erasures(node, erased))
                    .as("ContactErased is recorded once more")
                    .isEqualTo(1);
            assertThat(keys(node, kept)).as("other contacts keep their key").isEqualTo(1);
            assertThat(erasures(node, kept)).isZero();

            Api api = api(node);
            JsonNode contact = api.get(AUDITOR, "/api/v1/contacts/" + erased + "?wait=true")
                    .json();
            assertThat(contact.get("name").isNull()).isTrue();
            assertThat(contact.get("email").isNull()).isTrue();
            assertThat(contact.get("erasedAt").isNull()).isFalse();
            assertThat(api.get(AUDITOR, "/api/v1/contacts?search=Zelda&wait=true")
                            .body())
                    .doesNotContain(erased)
                    .doesNotContain(late)
                    .contains(kept);
            JsonNode last = api.get(AUDITOR, "/api/v1/contacts/" + erased + "/history?order=desc&size=1&wait=true")
                    .json()
                    .get("items")
                    .get(0);
            assertThat(last.get("change").asText()).isEqualTo("CONTACT_ERASED");
            assertThat(last.get("actor").asText()).isEqualTo("system");
            assertThat(name(api, kept)).isEqualTo(NAME);

            Api.Response again = api.post(INTEGRATOR, "/api/v1/contacts", registration(late));
            assertThat(again.status())
                    .as("an erased id is not registered again")
                    .isEqualTo(409);
            assertThat(again.json().get("type").asText())
                    .isEqualTo("urn:consent-ledger:problem:contact-already-registered");
            assertThat(node.getBean(JdbcClient.class)
                            .sql("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?")
                            .param(late)
                            .query(Long.class)
                            .single())
                    .isZero();
        }
    }

    private static String registration(String contactId) {
        return "{\"contactId\":\"" + contactId + "\",\"name\":\"" + NAME + "\",\"email\":\"" + contactId
                + "@example.com\",\"sourceId\":\"import\"}";
    }

    private static Path journalOf(Path dataDir) throws IOException {
        try (var files = Files.list(dataDir.resolve("erasure-journal"))) {
            return files.filter(file -> file.toString().endsWith(".journal"))
                    .findFirst()
                    .orElseThrow();
        }
    }

    private static String name(Api api, String contactId) {
        return api.get(AUDITOR, "/api/v1/contacts/" + contactId + "?wait=true")
                .json()
                .get("name")
                .asText();
    }

    private static long keys(ConfigurableApplicationContext node, String contactId) {
        return node.getBean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM contact_key WHERE contact_id = ?")
                .param(contactId)
                .query(Long.class)
                .single();
    }

    private static long erasures(ConfigurableApplicationContext node, String contactId) {
        return node.getBean(JdbcClient.class)
                .sql("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ? AND payloadType = ?")
                .params(contactId, ContactErased.class.getName())
                .query(Long.class)
                .single();
    }

    /** The test database as a libpq connection string. */
    private static String database() {
        URI uri = URI.create(TestDatabases.PG_URL.substring("jdbc:".length()));
        String path = uri.getPath().substring(1);
        return "postgresql://" + TestDatabases.PG_USER
                + (TestDatabases.PG_PASSWORD.isEmpty() ? "" : ":" + TestDatabases.PG_PASSWORD) + "@" + uri.getHost()
                + ":" + (uri.getPort() < 0 ? 5432 : uri.getPort()) + "/" + path;
    }

    private static void run(String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS))
                .as(String.join(" ", line))
                .isTrue();
        assertThat(process.exitValue()).as(command[0] + ": " + output).isZero();
    }

    private static ConfigurableApplicationContext start(String schema, Path dataDir) {
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
                "--consent.node-id=restored",
                "--spring.jmx.enabled=false");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
