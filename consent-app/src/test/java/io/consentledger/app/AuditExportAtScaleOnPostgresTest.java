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
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The audit exports stream: a service forked with a 256 MiB heap exports 200,000 events as a workbook and as NDJSON
 * without running out of memory. Behaviour only; how long it takes is recorded in docs/performance.md.
 *
 * <p>The events are inserted while the service is stopped, and its processors' tokens moved past them, so that the
 * service exports and does nothing else: processors catching up on 200,000 new events at once ran services out of
 * heap even at 768 MiB (AxonFramework#2954, see operations.md), which is not what this test is about.
 */
@EnabledIfPostgres
class AuditExportAtScaleOnPostgresTest {

    private static final int EVENTS = 200_000;
    private static final String AUDITOR =
            "Basic " + Base64.getEncoder().encodeToString("auditor:auditor-secret".getBytes(StandardCharsets.UTF_8));

    @Test
    void exportsTwoHundredThousandEventsWithASmallHeap() throws Exception {
        String schema = "s_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
        String url = TestDatabases.urlOf(schema);
        Path dataDir = Files.createTempDirectory("consent-ledger-scale");
        HttpClient http = HttpClient.newHttpClient();

        // A first start creates the schema and the processors' tokens; then the store gets 200,000 events, and the
        // tokens are moved past them, as if the read models had read them already: catching up on a backlog is not
        // what this test is about (see operations.md, "Large backlogs and the heap").
        int port = freePort();
        Process first = start("-Xmx256m", url, schema, port, dataDir, "audit-export-at-scale-first.log");
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> healthy(http, port));
        } finally {
            first.destroy();
            first.waitFor();
        }
        seed(url);

        // Then the same store is exported by a service with a 256 MiB heap.
        int small = freePort();
        Path log = Path.of("target", "audit-export-at-scale.log");
        Process service =
                start("-Xmx256m", url, schema, small, dataDir, log.getFileName().toString());
        try {
            await().atMost(Duration.ofSeconds(120)).until(() -> healthy(http, small));

            Path xlsx = Files.createTempFile("audit-export", ".xlsx");
            HttpResponse<Path> workbook =
                    http.send(request(small, "/api/v1/audit/export.xlsx"), HttpResponse.BodyHandlers.ofFile(xlsx));
            assertThat(workbook.statusCode()).isEqualTo(200);
            assertThat(rowsOfFirstSheet(xlsx)).isGreaterThan(EVENTS);

            HttpResponse<InputStream> ndjson =
                    http.send(request(small, "/api/v1/audit/events.ndjson"), HttpResponse.BodyHandlers.ofInputStream());
            assertThat(ndjson.statusCode()).isEqualTo(200);
            long lines;
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(ndjson.body(), StandardCharsets.UTF_8))) {
                lines = reader.lines().count();
            }
            assertThat(lines).isGreaterThanOrEqualTo(EVENTS);

            assertThat(service.isAlive()).isTrue();
            assertThat(Files.readString(log)).doesNotContain("OutOfMemoryError");
        } finally {
            service.destroy();
            service.waitFor();
        }
    }

    private static Process start(String heap, String url, String schema, int port, Path dataDir, String logName)
            throws Exception {
        Path log = Files.createDirectories(Path.of("target")).resolve(logName);
        return new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        heap,
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
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /**
     * 200,000 events inserted straight into the event table, of a payload type no event handler takes (the record of
     * the retire-source command), and the processors' tokens moved past them.
     */
    private static void seed(String url) throws Exception {
        try (Connection connection =
                        DriverManager.getConnection(url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO DomainEventEntry (aggregateIdentifier, sequenceNumber, type,"
                    + " eventIdentifier, metaData, payload, payloadRevision, payloadType, timeStamp)"
                    + " SELECT 'noise-' || n, 0, 'Source', md5(random()::text || n),"
                    + " convert_to('{\"actor\":\"system\",\"channel\":\"system\"}', 'UTF8'),"
                    + " convert_to('{\"sourceId\":\"noise-' || n || '\"}', 'UTF8'), NULL,"
                    + " 'io.consentledger.api.source.RetireSource',"
                    + " to_char(now() AT TIME ZONE 'utc', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')"
                    + " FROM generate_series(1, " + EVENTS + ") n");
            statement.execute("UPDATE TokenEntry SET owner = NULL, tokenType ="
                    + " 'org.axonframework.eventhandling.GapAwareTrackingToken', token = convert_to('{\"index\":' ||"
                    + " (SELECT MAX(globalIndex) FROM DomainEventEntry) || ',\"gaps\":[]}', 'UTF8')");
        }
    }

    /** Counts the rows of the workbook's first sheet while reading it, without building it in memory. */
    private static long rowsOfFirstSheet(Path xlsx) throws Exception {
        try (ZipFile zip = new ZipFile(xlsx.toFile());
                InputStream sheet = zip.getInputStream(zip.getEntry("xl/worksheets/sheet1.xml"))) {
            return count(sheet, "<row ".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static long count(InputStream in, byte[] needle) throws Exception {
        long found = 0;
        int matched = 0;
        byte[] buffer = new byte[64 * 1024];
        for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
            for (int i = 0; i < read; i++) {
                byte b = buffer[i];
                matched = b == needle[matched] ? matched + 1 : (b == needle[0] ? 1 : 0);
                if (matched == needle.length) {
                    found++;
                    matched = 0;
                }
            }
        }
        return found;
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

    private static HttpRequest request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", AUDITOR)
                .build();
    }
}
