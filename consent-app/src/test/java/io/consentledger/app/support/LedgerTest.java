package io.consentledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.ConsentLedgerApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole service on a random port, with the test users, on H2 unless marked {@link OnPostgres}. Test classes with
 * the same configuration share one application context (Spring's context cache), so tests keep apart by unique ids,
 * not by fresh databases. The metrics are exported as in production ({@code /actuator/prometheus}), which Spring Boot's
 * tests otherwise replace with an in-memory registry.
 */
@SpringBootTest(classes = ConsentLedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false)
@ActiveProfiles("test")
public abstract class LedgerTest {

    @LocalServerPort
    private int port;

    @Autowired
    protected JdbcClient jdbc;

    protected Api api;

    /** Every application context gets a data directory of its own when it starts (on H2 the database is in it). */
    @DynamicPropertySource
    static void dataDirectory(DynamicPropertyRegistry registry) {
        TestDatabases.dataDirectory(registry);
    }

    @BeforeEach
    void connect() {
        api = new Api(port);
    }

    protected int port() {
        return port;
    }

    protected static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Events stored for one aggregate, read from the event table itself. */
    protected long eventsOf(String aggregateId) {
        return jdbc.sql("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?")
                .param(aggregateId)
                .query(Long.class)
                .single();
    }

    protected long allEvents() {
        return jdbc.sql("SELECT COUNT(*) FROM DomainEventEntry")
                .query(Long.class)
                .single();
    }

    /** A GET as the auditor, the body as bytes (workbooks, NDJSON). */
    protected HttpResponse<byte[]> download(String path) throws Exception {
        String basic = Base64.getEncoder().encodeToString("auditor:auditor-secret".getBytes(StandardCharsets.UTF_8));
        return HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                                .header("Authorization", "Basic " + basic)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The consent check's answer for a contact and purpose, once the views have caught up. */
    protected JsonNode consentCheck(String contactId, String purposeId) {
        return api.get(
                        Api.INTEGRATOR,
                        "/api/v1/consents/check?contactId=" + contactId + "&purposeId=" + purposeId + "&wait=true")
                .json();
    }

    /** Records the contact's consent to the purpose, from the web form, as the integrator. */
    protected void grant(String contactId, String purposeId) {
        Api.Response response = api.post(
                Api.INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"" + purposeId + "\",\"sourceId\":\"web-form\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
    }

    /** When the contact's newest change was recorded, by the history (once it has caught up). */
    protected Instant lastRecordedAt(String contactId) {
        JsonNode newest = api.get(Api.AUDITOR, "/api/v1/contacts/" + contactId + "/history?order=desc&size=1&wait=true")
                .json()
                .get("items")
                .get(0);
        return Instant.parse(newest.get("recordedAt").asText());
    }

    /** The changes in a contact's history, oldest first, once {@code awaited} (when given) is among them. */
    protected List<String> changes(String contactId, String awaited) {
        List<String> changes = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            changes.clear();
            JsonNode history = api.get(Api.AUDITOR, "/api/v1/contacts/" + contactId + "/history?size=500&wait=true")
                    .json();
            history.get("items").forEach(item -> changes.add(item.get("change").asText()));
            if (awaited != null) {
                assertThat(changes).contains(awaited);
            }
        });
        return changes;
    }

    /**
     * Registers a contact from the "import" source, which sends no confirmation email, so that the contact's events
     * are exactly the ones a test records.
     */
    protected String registerContact(String contactId) {
        Api.Response response = api.post(Api.INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"Ann Smith","email":"ann@example.com","sourceId":"import",
                 "sourceDetail":"Met at the trade fair"}""".formatted(contactId));
        if (response.status() != 201) {
            throw new AssertionError("Registration failed: " + response.status() + " " + response.body());
        }
        return contactId;
    }

    /**
     * The stored states of a contact's running confirmation-email processes, as text. A process that ended (sent,
     * given up, or its contact erased) has none, and makes no further attempt.
     */
    protected List<String> sagaStates(String contactId) {
        return jdbc.sql("SELECT s.serializedSaga FROM SagaEntry s JOIN AssociationValueEntry a ON a.sagaId = s.sagaId"
                        + " WHERE a.associationKey = 'contactId' AND a.associationValue = ?")
                .param(contactId)
                .query((rs, row) -> new String(rs.getBytes(1), StandardCharsets.UTF_8))
                .list();
    }
}
