package io.consentledger.app.webhook;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.PostgresOutage;
import io.consentledger.app.support.WebhookReceiver;
import io.consentledger.app.support.WebhookReceiver.Delivery;
import io.consentledger.app.support.WebhookReceiver.Mode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Webhook delivery across outages of the database: the service's PostgreSQL connections are terminated (as a failover
 * or a restart of the server does) while a delivery is in flight, again and again, while changes are being recorded.
 * The receiver (a real one that checks every signature) ends up with every change of the change feed, at least once;
 * a change comes again only when the delivery that carried it was in flight at an outage (its 2xx came, its commit did
 * not), never once its cursor has moved past it.
 *
 * <p>The service's connections carry an application name of their own ({@link PostgresOutage}), so that terminating
 * them touches no other test's connections on the same server.
 */
@EnabledIfPostgres
@DirtiesContext
class WebhookDatabaseOutageOnPostgresTest extends LedgerTest {

    private static final PostgresOutage OUTAGE = new PostgresOutage();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final String PREFIX = "outage";

    private WebhookReceiver receiver;
    private String webhookId;

    /** For each outage: how many deliveries the receiver had got just before it. */
    private final List<Integer> deliveriesBeforeOutages = new ArrayList<>();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        OUTAGE.postgres(registry);
    }

    @BeforeEach
    void registerSubscriber() {
        receiver = new WebhookReceiver();
        Api.Response response = api.post(ADMIN, "/api/v1/webhooks", "{\"url\":\"%s\"}".formatted(receiver.url()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        receiver.secret(response.json().get("secret").asText());
        webhookId = response.json().get("webhookId").asText();
    }

    @AfterEach
    void deleteSubscriber() {
        api.send(api.request(ADMIN, "/api/v1/webhooks/" + webhookId).DELETE().build());
        receiver.close();
    }

    @Test
    void everyChangeOfTheFeedArrivesAcrossOutagesAndOnlyDeliveriesInFlightComeAgain() throws Exception {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contacts.add(registerWithRetries());
        }
        await().atMost(PATIENCE).until(() -> acknowledgedOf(contacts).size() == 3);

        // Three outages, each while a delivery is held at the receiver: it answers 2xx only after the service's
        // connections are gone, so that its batch cannot commit. A writer keeps recording changes meanwhile.
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        Future<?> writes = writer.submit(() -> {
            while (writing.get()) {
                String contactId = registerWithRetries();
                written.add(contactId);
                grantWithRetries(contactId);
            }
        });
        try {
            for (int outage = 0; outage < 3; outage++) {
                receiver.mode(Mode.HOLD_THEN_ACCEPT);
                int before = written.size();
                await().atMost(PATIENCE).until(() -> written.size() > before && receiver.holding() == 1);
                deliveriesBeforeOutages.add(receiver.deliveries().size());
                assertThat(OUTAGE.terminateConnections())
                        .as("the service's connections terminated")
                        .isPositive();
                // The held delivery is the next the receiver records (one at a time); deliveries go on after it.
                int held = receiver.deliveries().size();
                receiver.mode(Mode.ACCEPT);
                receiver.release();
                await().atMost(PATIENCE)
                        .alias("deliveries go on after the outage")
                        .until(() ->
                                receiver.deliveries().stream().skip(held + 1).anyMatch(Delivery::acknowledged));
            }
        } finally {
            writing.set(false);
            writes.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            writer.shutdown();
        }
        contacts.addAll(written);
        String last = registerWithRetries();
        contacts.add(last);

        // Every change of the feed (ids of this test's contacts) has been acknowledged, each with a valid signature.
        // A position an outage rolled back holds the feed back for consent.feed.gap-timeout (a minute) first.
        List<JsonNode> feed = await().atMost(PATIENCE)
                .until(
                        () -> PostgresOutage.feedOf(api, contacts),
                        changes -> changes.stream()
                                .anyMatch(change ->
                                        change.get("contactId").asText().equals(last)));
        assertThat(feed)
                .as("a registration each, and a grant each of the writer's")
                .hasSize(contacts.size() + written.size());
        Set<Long> feedPositions = positions(feed);
        await().atMost(PATIENCE).until(() -> positions(acknowledgedOf(contacts)).containsAll(feedPositions));
        assertThat(positions(acknowledgedOf(contacts))).isEqualTo(feedPositions);
        assertThat(receiver.deliveries())
                .filteredOn(Delivery::acknowledged)
                .allSatisfy(delivery -> assertThat(delivery.signatureValid()).isTrue());
        assertThat(acknowledgedFor(feed))
                .as("the acknowledged changes are the feed's, field for field")
                .isEqualTo(byPosition(feed));

        // A change came again only when the delivery that first carried it was in flight at an outage.
        Set<Integer> inFlightAtAnOutage = deliveriesInFlightAtTheOutages();
        Map<Long, Integer> firstAcknowledgedIn = new HashMap<>();
        List<Delivery> deliveries = receiver.deliveries();
        Set<Long> repeated = new HashSet<>();
        for (int index = 0; index < deliveries.size(); index++) {
            Delivery delivery = deliveries.get(index);
            if (!delivery.acknowledged()) {
                continue;
            }
            for (JsonNode change : delivery.changes()) {
                long position = change.get("position").asLong();
                Integer first = firstAcknowledgedIn.putIfAbsent(position, index);
                if (first != null && first != index) {
                    repeated.add(position);
                    assertThat(inFlightAtAnOutage)
                            .as(
                                    "change %d came again in delivery %d; first acknowledged in delivery %d",
                                    position, index, first)
                            .contains(first);
                }
            }
        }
        assertThat(repeated)
                .as("the deliveries held across the outages were acknowledged and could not commit: they came again")
                .isNotEmpty();

        // The changes arrived (first) in the feed's order, by position, across contacts.
        List<Long> firstArrivals = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (JsonNode change : receiver.acknowledged()) {
            if (seen.add(change.get("position").asLong())) {
                firstArrivals.add(change.get("position").asLong());
            }
        }
        assertThat(firstArrivals).isSorted();

        // Once the cursor has moved past every change, nothing comes again: the next delivery holds only a new change.
        await().atMost(PATIENCE).until(() -> webhook().get("lag").asLong() == 0);
        int settled = receiver.deliveries().size();
        String after = registerWithRetries();
        await().atMost(PATIENCE).until(() -> !acknowledgedOf(Set.of(after)).isEmpty());
        assertThat(receiver.deliveries().stream().skip(settled).filter(Delivery::acknowledged))
                .allSatisfy(delivery -> assertThat(delivery.changes())
                        .allSatisfy(change ->
                                assertThat(change.get("contactId").asText()).isEqualTo(after)));
    }

    /**
     * The deliveries that may have been in flight at an outage: the last one acknowledged before it (its commit may
     * not have happened yet) and the first one acknowledged after it began (held across it). One delivery to a
     * subscriber at a time: a batch commits or rolls back before the next begins.
     */
    private Set<Integer> deliveriesInFlightAtTheOutages() {
        List<Delivery> deliveries = receiver.deliveries();
        Set<Integer> inFlight = new HashSet<>();
        for (int before : deliveriesBeforeOutages) {
            for (int index = before - 1; index >= 0; index--) {
                if (deliveries.get(index).acknowledged()) {
                    inFlight.add(index);
                    break;
                }
            }
            for (int index = before; index < deliveries.size(); index++) {
                if (deliveries.get(index).acknowledged()) {
                    inFlight.add(index);
                    break;
                }
            }
        }
        return inFlight;
    }

    /** Registers a new contact, sending the request again while the database is away. */
    private String registerWithRetries() {
        String contactId = uniqueId(PREFIX);
        sendWithRetries("/api/v1/contacts", """
                {"contactId":"%s","name":"Ann Smith","email":"ann@example.com","sourceId":"business-card"}""".formatted(contactId));
        return contactId;
    }

    private void grantWithRetries(String contactId) {
        sendWithRetries(
                "/api/v1/contacts/" + contactId + "/consents",
                "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}");
    }

    private void sendWithRetries(String path, String body) {
        PostgresOutage.postUntilRecorded(api, INTEGRATOR, path, body, PATIENCE);
    }

    private List<JsonNode> acknowledgedOf(Collection<String> contacts) {
        return receiver.acknowledged(contacts::contains);
    }

    /** The first acknowledged version of each change of the feed, by position. */
    private Map<Long, JsonNode> acknowledgedFor(List<JsonNode> feed) {
        Map<Long, JsonNode> acknowledged = new HashMap<>();
        Set<Long> wanted = positions(feed);
        for (JsonNode change : receiver.acknowledged()) {
            long position = change.get("position").asLong();
            if (wanted.contains(position)) {
                acknowledged.putIfAbsent(position, change);
            }
        }
        return acknowledged;
    }

    private static Map<Long, JsonNode> byPosition(List<JsonNode> changes) {
        Map<Long, JsonNode> byPosition = new HashMap<>();
        changes.forEach(change -> byPosition.put(change.get("position").asLong(), change));
        return byPosition;
    }

    private static Set<Long> positions(List<JsonNode> changes) {
        Set<Long> positions = new HashSet<>();
        changes.forEach(change -> positions.add(change.get("position").asLong()));
        return positions;
    }

    private JsonNode webhook() {
        Api.Response response = api.get(ADMIN, "/api/v1/webhooks/" + webhookId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }
}
