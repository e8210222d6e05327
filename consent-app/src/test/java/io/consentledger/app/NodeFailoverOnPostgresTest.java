package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.Mailbox;
import io.consentledger.app.support.TestDatabases;
import io.consentledger.query.projection.ReadModels;
import jakarta.mail.internet.MimeMessage;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three nodes of the service, each a process of its own, on one PostgreSQL schema and with default settings (the
 * aggregate cache on): load through all of them on the same contacts, and the node that processes the projections and
 * sends the confirmation emails killed hard (SIGKILL) in the middle of it. Clients whose node dies send the same
 * request, with the same {@code Idempotency-Key}, to another node, as behind a load balancer.
 */
@EnabledIfPostgres
class NodeFailoverOnPostgresTest {

    /** The tracking processors: the projections, the confirmation-email process and the imports. */
    private static final List<String> PROCESSORS =
            List.of("catalog", "legal-basis", "history", "change-feed", "ConfirmationEmailProcessProcessor", "imports");

    private static final int CLIENTS = 6;
    private static final int REQUESTS_PER_CLIENT = 30;
    private static final int SHARED_CONTACTS = 4;

    /** A free port of this class's own, so that test runs side by side never share a mail server. */
    static final int SMTP_PORT = Mailbox.freePort();

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(Mailbox.smtpOn(SMTP_PORT))
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication())
            .withPerMethodLifecycle(false);

    private final String schema = "f_"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 16).toLowerCase(Locale.ROOT);
    private final List<Node> nodes = new ArrayList<>();

    @AfterEach
    void stopNodes() {
        nodes.forEach(node -> node.process().destroy());
        nodes.forEach(Node::stop);
    }

    @Test
    void theSurvivorsTakeOverAHardKilledNodeAndNothingAcknowledgedIsLostOrRepeated() throws Exception {
        Node first = start("node-1");
        first.awaitReady();
        // The first node claims every processor's only segment: it is the one that dies.
        assertThat(owners())
                .containsKeys(PROCESSORS.toArray(String[]::new))
                .allSatisfy((processor, owner) -> assertThat(owner).isEqualTo("node-1"));
        Node second = start("node-2");
        Node third = start("node-3");
        // Meanwhile the first node sends an email, so that the mail path is warm when the load comes.
        String early = "early-" + UUID.randomUUID().toString().substring(0, 8);
        assertThat(first.api()
                        .post(INTEGRATOR, "/api/v1/contacts", """
                                {"contactId":"%s","name":"Ann Smith","email":"%s@example.com","sourceId":"web-form"}""".formatted(early, early))
                        .status())
                .isEqualTo(201);
        new Mailbox(SMTP).awaitMails(early + "@example.com", 1);
        second.awaitReady();
        third.awaitReady();
        long loadStarted = System.nanoTime();

        List<String> shared = new ArrayList<>();
        for (int i = 0; i < SHARED_CONTACTS; i++) {
            String contactId = "shared-" + i;
            Api.Response registered =
                    nodes.get(i % nodes.size()).api().post(INTEGRATOR, "/api/v1/contacts", """
                            {"contactId":"%s","name":"Bo","email":"bo@example.com","sourceId":"import"}""".formatted(contactId));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            shared.add(contactId);
        }

        List<Outcome> outcomes = runLoadAndKill(first, shared);
        long loadEnded = System.nanoTime();

        List<Node> survivors = List.of(second, third);
        assertThat(outcomes)
                .as("no node answered 5xx")
                .allSatisfy(outcome ->
                        assertThat(outcome.status()).as(outcome.toString()).isLessThan(500));
        assertThat(outcomes)
                .as("requests retried on another node")
                .anySatisfy(outcome -> assertThat(outcome.attempts()).isGreaterThan(1));

        // The survivors took over the dead node's processors and brought every projection to the head of the store.
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(owners())
                        .containsKeys(PROCESSORS.toArray(String[]::new))
                        .allSatisfy((processor, owner) -> assertThat(owner).isIn("node-2", "node-3")));
        for (Node survivor : survivors) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode projections =
                        survivor.api().get(ADMIN, "/api/v1/admin/projections").json();
                assertThat(projections).hasSize(ReadModels.ALL.size());
                projections.forEach(
                        projection -> assertThat(projection.get("position").asLong())
                                .as(projection.toString())
                                .isEqualTo(projection.get("total").asLong()));
            });
        }

        // Each acknowledged registration's confirmation email is recorded as sent (by whichever node sent it); after
        // that no node appends anything more.
        for (Outcome outcome : outcomes) {
            if (outcome.request().kind() == Kind.REGISTER && outcome.acknowledged()) {
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> history(second, outcome.request().contactId()).stream()
                                .anyMatch(entry -> entry.get("change").asText().equals("CONFIRMATION_EMAIL_SENT")));
            }
        }

        // Every acknowledged change is in the history exactly once, every refused one not at all.
        Set<String> contacts = new HashSet<>(shared);
        outcomes.stream()
                .filter(outcome -> outcome.request().kind() == Kind.REGISTER && outcome.acknowledged())
                .forEach(outcome -> contacts.add(outcome.request().contactId()));
        Map<String, List<JsonNode>> histories = new HashMap<>();
        for (String contactId : contacts) {
            histories.put(contactId, history(second, contactId));
        }
        for (Outcome outcome : outcomes) {
            List<JsonNode> history = histories.getOrDefault(outcome.request().contactId(), List.of());
            long entries = history.stream()
                    .filter(entry -> outcome.request().marker().equals(marker(entry)))
                    .count();
            assertThat(entries).as(outcome.toString()).isEqualTo(outcome.acknowledged() ? 1 : 0);
        }
        for (String contactId : contacts) {
            assertThat(histories.get(contactId))
                    .as("one history entry per stored event of " + contactId)
                    .hasSize((int) eventsOf(contactId));
        }

        // Every surviving node's check agrees with the last change recorded for each contact and purpose.
        for (String contactId : shared) {
            boolean granted = histories.get(contactId).stream()
                    .filter(entry ->
                            "e-marketing".equals(entry.path("purposeId").asText()))
                    .reduce((earlier, later) -> later)
                    .map(last -> last.get("change").asText().equals("CONSENT_GRANTED"))
                    .orElse(false);
            for (Node survivor : survivors) {
                assertThat(check(survivor, contactId, "e-marketing")
                                .get("allowed")
                                .asBoolean())
                        .as(contactId + " on " + survivor.id())
                        .isEqualTo(granted);
                assertThat(check(survivor, contactId, "sales-and-service")
                                .get("allowed")
                                .asBoolean())
                        .isTrue();
            }
        }

        // Each acknowledged registration's confirmation email was received once, none for a refused one.
        Mailbox mailbox = new Mailbox(SMTP);
        List<String> duplicates = new ArrayList<>();
        for (Outcome outcome : outcomes) {
            if (outcome.request().kind() != Kind.REGISTER) {
                continue;
            }
            String contactId = outcome.request().contactId();
            String email = contactId + "@example.com";
            if (!outcome.acknowledged()) {
                assertThat(mailbox.to(email)).as(outcome.toString()).isEmpty();
                continue;
            }
            List<MimeMessage> received = mailbox.to(email);
            assertThat(received).as(email).isNotEmpty();
            if (received.size() > 1) {
                duplicates.add(email);
                // The documented window: the email in flight when its node died, sent again by the survivor. It is
                // recognisable as one email by its Message-ID.
                assertThat(received).hasSize(2);
                assertThat(received.get(1).getMessageID())
                        .isEqualTo(received.get(0).getMessageID());
            }
        }
        assertThat(duplicates)
                .as("at most the one email in flight when the node died is sent twice")
                .hasSizeLessThanOrEqualTo(1);
        System.out.printf(
                "Node failover: %d requests (%d acknowledged, %d refused, %d sent again to another node) in %d ms;"
                        + " takeover and checks %d ms; %d emails, %d sent twice%n",
                outcomes.size(),
                outcomes.stream().filter(Outcome::acknowledged).count(),
                outcomes.stream().filter(outcome -> !outcome.acknowledged()).count(),
                outcomes.stream().filter(outcome -> outcome.attempts() > 1).count(),
                (loadEnded - loadStarted) / 1_000_000,
                (System.nanoTime() - loadEnded) / 1_000_000,
                SMTP.getReceivedMessages().length,
                duplicates.size());
    }

    /**
     * Clients send grants and withdrawals on the shared contacts and registrations of new contacts from a source that
     * sends a confirmation email, through all nodes in turn; a third of the way in, the first node is killed.
     */
    private List<Outcome> runLoadAndKill(Node victim, List<String> shared) throws Exception {
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(pool.submit(() -> {
                    for (int i = 0; i < REQUESTS_PER_CLIENT; i++) {
                        Request request = request(client, i, shared);
                        outcomes.add(send(request, client + i));
                        done.incrementAndGet();
                    }
                    return null;
                }));
            }
            await().atMost(Duration.ofSeconds(120))
                    .until(() -> done.get() >= CLIENTS * REQUESTS_PER_CLIENT / 3
                            || clients.stream().anyMatch(Future::isDone));
            victim.kill();
            for (Future<?> client : clients) {
                client.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return List.copyOf(outcomes);
    }

    private static Request request(int client, int index, List<String> shared) {
        String marker = "op-" + client + "-" + index;
        String key = UUID.randomUUID().toString();
        if (index % 10 == 3) {
            String contactId = "new-" + client + "-" + index + "-"
                    + UUID.randomUUID().toString().substring(0, 6);
            return new Request(Kind.REGISTER, contactId, marker, key, "/api/v1/contacts", """
                    {"contactId":"%s","name":"Ann Smith","email":"%s@example.com","sourceId":"web-form",
                     "sourceDetail":"%s"}""".formatted(
                            contactId, contactId, marker));
        }
        String contactId = shared.get((client + index) % shared.size());
        if (index % 2 == 0) {
            return new Request(
                    Kind.GRANT, contactId, marker, key, "/api/v1/contacts/" + contactId + "/consents", """
                    {"purposeId":"e-marketing","sourceId":"web-form","sourceDetail":"%s"}""".formatted(
                                    marker));
        }
        return new Request(
                Kind.WITHDRAW,
                contactId,
                marker,
                key,
                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                """
                {"sourceId":"email","reason":"%s"}""".formatted(marker));
    }

    /** Sends the request to a node; when the node is gone, the same request with the same key to the next one. */
    private Outcome send(Request request, int firstNode) {
        for (int attempt = 1; attempt <= 2 * nodes.size(); attempt++) {
            Node node = nodes.get((firstNode + attempt - 1) % nodes.size());
            try {
                Api.Response response = node.api()
                        .post(INTEGRATOR, request.path(), request.body(), Map.of("Idempotency-Key", request.key()));
                assertThat(response.status())
                        .as(request + " on " + node.id() + ": " + response.body())
                        .isIn(200, 201, 409);
                if (response.status() == 409) {
                    assertThat(response.body()).containsAnyOf("consent-not-granted", "concurrent-modification");
                }
                return new Outcome(request, response.status(), node.id(), attempt);
            } catch (UncheckedIOException connectionLost) {
                // The node died before answering (or refuses connections since): try the next one.
            }
        }
        throw new AssertionError("No node answered " + request);
    }

    private enum Kind {
        REGISTER,
        GRANT,
        WITHDRAW
    }

    /** One client request, found in the history by its marker (the source detail or the reason). */
    private record Request(Kind kind, String contactId, String marker, String key, String path, String body) {}

    /** The final answer to a request, from the node that gave it, after how many attempts. */
    private record Outcome(Request request, int status, String node, int attempts) {

        boolean acknowledged() {
            return status == 200 || status == 201;
        }
    }

    private static String marker(JsonNode entry) {
        String detail = entry.path("sourceDetail").asText(null);
        return detail != null ? detail : entry.path("reason").asText(null);
    }

    private static List<JsonNode> history(Node node, String contactId) {
        Api.Response response =
                node.api().get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?size=500&wait=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<JsonNode> entries = new ArrayList<>();
        response.json().get("items").forEach(entries::add);
        return entries;
    }

    private static JsonNode check(Node node, String contactId, String purposeId) {
        Api.Response response = node.api()
                .get(
                        INTEGRATOR,
                        "/api/v1/consents/check?contactId=" + contactId + "&purposeId=" + purposeId + "&wait=true");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** Who holds each processor's segment, from Axon's token table. */
    private Map<String, String> owners() throws SQLException {
        Map<String, String> owners = new HashMap<>();
        try (Connection connection = connect();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT processorName, owner FROM TokenEntry")) {
            while (rows.next()) {
                owners.put(rows.getString(1), rows.getString(2));
            }
        }
        return owners;
    }

    private long eventsOf(String contactId) throws SQLException {
        try (Connection connection = connect();
                var statement = connection.prepareStatement(
                        "SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?")) {
            statement.setString(1, contactId);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url(), TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
    }

    private String url() {
        return TestDatabases.urlOf(schema);
    }

    /**
     * Starts a node: the service's main class on the test class path, in a JVM of its own, with its own node id and
     * data directory and otherwise the same settings as the others: the database and the SMTP server. Claims are given up after 5 s without renewal instead of 10 s, so that the survivors take over sooner.
     */
    private Node start(String nodeId) throws IOException {
        Path dir = Path.of("target", "node-failover", schema);
        Files.createDirectories(dir);
        int port = Mailbox.freePort();
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Daxoniq.update-checker.disabled=true",
                "-cp",
                classPath,
                ConsentLedgerApplication.class.getName(),
                "--spring.profiles.active=test",
                "--server.port=" + port,
                "--spring.datasource.url=" + url(),
                "--spring.datasource.username=" + TestDatabases.PG_USER,
                "--spring.datasource.password=" + TestDatabases.PG_PASSWORD,
                "--spring.flyway.schemas=" + schema,
                "--consent.node-id=" + nodeId,
                "--consent.data-dir=" + dir.resolve(nodeId + "-data").toAbsolutePath(),
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + SMTP_PORT,
                "--axon.eventhandling.tokenstore.claim-timeout=5s",
                "--spring.jmx.enabled=false"));
        for (String processor : PROCESSORS) {
            command.add("--axon.eventhandling.processors." + processor + ".token-claim-interval=1000");
        }
        File log = dir.resolve(nodeId + ".log").toFile();
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log)
                .start();
        Node node = new Node(nodeId, process, new Api(port), log.toPath());
        nodes.add(node);
        return node;
    }

    /** A node's process, its API and its log. */
    private record Node(String id, Process process, Api api, Path log) {

        void awaitReady() {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError(id + " exited: " + tail());
                        }
                        try {
                            return api.get(ADMIN, "/api/v1/sources").status() == 200;
                        } catch (UncheckedIOException notListeningYet) {
                            return false;
                        }
                    });
        }

        /** SIGKILL: no shutdown hook runs, no claim is released, open transactions are cut off. */
        void kill() throws InterruptedException {
            process.destroyForcibly();
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        void stop() {
            if (!process.isAlive()) {
                return;
            }
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }

        private String tail() {
            try {
                List<String> lines = Files.readAllLines(log);
                return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
            } catch (IOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }
}
