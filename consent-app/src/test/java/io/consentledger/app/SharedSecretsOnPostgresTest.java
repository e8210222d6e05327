package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two nodes started at once on one PostgreSQL with default settings (no configured users, no configured link key) and
 * data directories of their own: they share one initial admin and one profile-link key, both kept in the database.
 */
@EnabledIfPostgres
@ExtendWith(OutputCaptureExtension.class)
class SharedSecretsOnPostgresTest {

    private static final Pattern PASSWORD = Pattern.compile("Created user 'admin' with password '([^']+)'");

    @Test
    void nodesStartedTogetherShareOneAdminAndOneLinkKey(
            @TempDir Path firstDir, @TempDir Path secondDir, CapturedOutput output) throws Exception {
        String schema = "s_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        try (Connection connection =
                DriverManager.getConnection(TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD)) {
            connection.createStatement().execute("CREATE SCHEMA " + schema);
        }
        // Two Spring Boot applications that set up logging at the same moment in one JVM race on the system
        // properties Boot's logging reads (a node once failed to start on an undefined log format). The nodes keep
        // this JVM's logging as it is; what they race on here is the database.
        System.setProperty(LoggingSystem.SYSTEM_PROPERTY, LoggingSystem.NONE);
        CompletableFuture<ConfigurableApplicationContext> startingA =
                CompletableFuture.supplyAsync(() -> start(schema, "node-a", firstDir));
        CompletableFuture<ConfigurableApplicationContext> startingB =
                CompletableFuture.supplyAsync(() -> start(schema, "node-b", secondDir));
        try {
            CompletableFuture.allOf(startingA, startingB)
                    .exceptionally(failed -> null)
                    .join();
        } finally {
            System.clearProperty(LoggingSystem.SYSTEM_PROPERTY);
        }
        try (ConfigurableApplicationContext a = startingA.join();
                ConfigurableApplicationContext b = startingB.join()) {
            // Two contexts in one JVM may print each log line twice; what counts is that one password was made.
            Set<String> passwords = new HashSet<>();
            Matcher printed = PASSWORD.matcher(output.getOut());
            while (printed.find()) {
                passwords.add(printed.group(1));
            }
            assertThat(passwords).as("one node made the admin").hasSize(1);
            assertThat(output.getOut()).contains("using the initial user 'admin' kept in the database");
            String password = passwords.iterator().next();

            for (ConfigurableApplicationContext node : List.of(a, b)) {
                Api.Response purposes = send(node, "GET", "/api/v1/purposes", password, null);
                assertThat(purposes.status()).as(purposes.body()).isEqualTo(200);
            }
            Api.Response registered = send(
                    a,
                    "POST",
                    "/api/v1/contacts",
                    password,
                    "{\"contactId\":\"shared-1\",\"name\":\"Ann\",\"email\":\"ann@example.com\",\"sourceId\":\"import\"}");
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            for (List<ConfigurableApplicationContext> issuedOpened : List.of(List.of(a, b), List.of(b, a))) {
                Api.Response issued =
                        send(issuedOpened.get(0), "POST", "/api/v1/contacts/shared-1/profile-link", password, "");
                assertThat(issued.status()).as(issued.body()).isEqualTo(201);
                String path = URI.create(issued.json().get("url").asText()).getPath();
                HttpResponse<String> page = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(base(issuedOpened.get(1)) + path))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertThat(page.statusCode())
                        .as("a link issued on one node opens on the other")
                        .isEqualTo(200);
                assertThat(page.body()).contains("ann@example.com");
            }
        }
    }

    private static Api.Response send(
            ConfigurableApplicationContext node, String method, String path, String password, String json) {
        Api api = new Api(port(node));
        HttpRequest.Builder request = api.request(null, path).header("Authorization", Api.basic("admin", password));
        if (json == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        return api.send(request.build());
    }

    private static ConfigurableApplicationContext start(String schema, String nodeId, Path dataDir) {
        String url = TestDatabases.urlOf(schema);
        return SpringApplication.run(
                ConsentLedgerApplication.class,
                "--server.port=0",
                "--consent.data-dir=" + dataDir,
                "--spring.datasource.url=" + url,
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                "--spring.datasource.hikari.maximum-pool-size=5",
                "--spring.flyway.schemas=" + schema,
                "--consent.node-id=" + nodeId,
                "--spring.jmx.enabled=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + port(context);
    }
}
