package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * A purpose's audience streams: a service forked with a 256 MiB heap answers an audience of a million contacts, which
 * would need several times that heap if the rows or the ids were held at once (the JDBC driver alone buffers a result
 * it does not read with a cursor), and answers it in contact id order.
 *
 * <p>The million contacts are rows of the legal-basis read model written straight into its tables, with a purpose of
 * their own: what is tested is how the audience reads and writes them, not how a million contacts are recorded.
 */
@EnabledIfPostgres
class AudienceAtScaleOnPostgresTest {

    private static final int CONTACTS = 1_000_000;
    private static final String INTEGRATOR =
            "Basic " + Base64.getEncoder().encodeToString("crm-sync:crm-secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void streamsAnAudienceOfAMillionContactsWithASmallHeap() throws Exception {
        String schema = "s_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        String url = TestDatabases.urlOf(schema);
        Path dataDir = Files.createTempDirectory("consent-ledger-audience");
        HttpClient http = HttpClient.newHttpClient();
        int port = freePort();
        Path log = Files.createDirectories(Path.of("target")).resolve("audience-at-scale.log");
        Process service = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        ConsentLedgerApplication.class.getName(),
                        "--spring.profiles.active=test",
                        "--server.port=" + port,
                        "--spring.datasource.url=" + url,
                        "--spring.datasource.username=" + TestDatabases.PG_USER,
                        "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                        "--spring.flyway.schemas=" + schema,
                        "--consent.data-dir=" + dataDir)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            await().atMost(Duration.ofSeconds(300)).until(() -> healthy(http, port));
            seed(url, schema);

            HttpResponse<InputStream> audience = http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/purposes/mass/audience"))
                            .header("Authorization", INTEGRATOR)
                            .build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            assertThat(audience.statusCode()).isEqualTo(200);
            assertThat(audience.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
            long lines = 0;
            String previous = "";
            boolean ordered = true;
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(audience.body(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    ordered &= line.compareTo(previous) > 0;
                    previous = line;
                    lines++;
                }
            }

            assertThat(lines).isEqualTo(allowed());
            assertThat(ordered).as("in contact id order").isTrue();
            assertThat(service.isAlive()).isTrue();
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        } finally {
            service.destroy();
            service.waitFor();
            try (Connection connection =
                            DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    /** Contacts mass-0000001 … : every fourth withdrew its consent and every tenth is erased; the rest may be sent to. */
    private static long allowed() {
        return LongStream.rangeClosed(1, CONTACTS)
                .filter(n -> n % 4 != 0 && n % 10 != 0)
                .count();
    }

    private static void seed(String url, String schema) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            statement.execute(
                    "INSERT INTO basis_purpose (purpose_id, name, active) VALUES ('mass', 'Mass mailing', TRUE)");
            statement.execute("INSERT INTO contact_view (contact_id, source_id, registered_at, updated_at, erased_at)"
                    + " SELECT 'mass-' || lpad(n::text, 7, '0'), 'import', now(), now(),"
                    + " CASE WHEN n % 10 = 0 THEN now() END FROM generate_series(1, " + CONTACTS + ") n");
            statement.execute("INSERT INTO contact_basis (contact_id, purpose_id, legal_basis, status, purpose_version,"
                    + " since, source_id, recorded_by)"
                    + " SELECT 'mass-' || lpad(n::text, 7, '0'), 'mass', 'CONSENT',"
                    + " CASE WHEN n % 4 = 0 THEN 'WITHDRAWN' ELSE 'GRANTED' END, 1, now(), 'web-form', 'crm-sync'"
                    + " FROM generate_series(1, " + CONTACTS + ") n");
            statement.execute("ANALYZE contact_view");
            statement.execute("ANALYZE contact_basis");
        }
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean healthy(HttpClient http, int port) {
        try {
            return http.send(
                                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode()
                    == 200;
        } catch (Exception e) {
            return false;
        }
    }
}
