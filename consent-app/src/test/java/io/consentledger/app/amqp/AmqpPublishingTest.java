package io.consentledger.app.amqp;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static io.consentledger.app.support.Api.METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.EnabledIfRabbitMq;
import io.consentledger.app.support.GrafanaDashboard;
import io.consentledger.app.support.HeldGrant;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.query.feed.ChangeFeedSource;
import io.consentledger.query.projection.ProjectionSync;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Publishing to the real RabbitMQ on 127.0.0.1:5672: every change reaches a queue bound to the exchange, in order,
 * persistent, as JSON, with its position as message id and {@code <change>.<purposeId>} as routing key; bindings by
 * pattern pick a purpose; a broker restart loses nothing. Each test binds queues of its own (deleted afterwards) to a
 * test exchange and looks only at its own contacts, so reruns and other test runs on the same broker do not meet.
 */
@EnabledIfRabbitMq
@TestPropertySource(
        properties = {
            "consent.amqp.enabled=true",
            "consent.amqp.exchange=" + AmqpPublishingTest.EXCHANGE,
            "spring.rabbitmq.host=127.0.0.1",
            "spring.rabbitmq.port=5672",
            "spring.rabbitmq.username=guest",
            "spring.rabbitmq.password=guest"
        })
class AmqpPublishingTest extends LedgerTest {

    static final String EXCHANGE = "consent-ledger.changes.test";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ARRIVAL = Duration.ofSeconds(60);

    private static CachingConnectionFactory broker;
    private static RabbitAdmin admin;
    private static RabbitTemplate consumer;

    private final List<String> queues = new ArrayList<>();

    /** What each of this test's queues delivered so far. */
    private final Map<String, List<Message>> received = new HashMap<>();

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionSync sync;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private ChangeFeedSource feed;

    @Autowired
    private PlatformTransactionManager transactions;

    @BeforeAll
    static void connectAsAConsumer() {
        broker = new CachingConnectionFactory("127.0.0.1", 5672);
        broker.setUsername("guest");
        broker.setPassword("guest");
        admin = new RabbitAdmin(broker);
        // The service declares it too (same arguments); declared here so that queues can be bound before it has
        // published anything.
        admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
        consumer = new RabbitTemplate(broker);
    }

    @AfterEach
    void deleteQueues() {
        queues.forEach(admin::deleteQueue);
    }

    @AfterAll
    static void disconnect() {
        broker.destroy();
    }

    @Test
    void everyChangeReachesABoundQueueInOrderAsPersistentJsonKeyedByChangeAndPurposeAsTheChangeFeedHasIt()
            throws IOException {
        String all = queueBoundTo("#");
        String marketing = queueBoundTo("*.e-marketing", "CONTACT_ERASED");
        String contactId = registerContact(uniqueId("amqp"));
        grant(contactId, "e-marketing");
        withdraw(contactId, "e-marketing");
        erase(contactId);

        List<Message> received = awaitChanges(all, contactId, 4);

        assertThat(received)
                .extracting(message -> message.getMessageProperties().getReceivedRoutingKey())
                .containsExactly(
                        "LEGAL_BASIS_DOCUMENTED.sales-and-service",
                        "CONSENT_GRANTED.e-marketing",
                        "CONSENT_WITHDRAWN.e-marketing",
                        "CONTACT_ERASED");
        List<Long> positions = positionsOfEvents(contactId);
        long previous = -1;
        for (Message message : received) {
            var properties = message.getMessageProperties();
            JsonNode change = JSON.readTree(message.getBody());
            long position = Long.parseLong(properties.getMessageId());
            assertThat(position).isGreaterThan(previous).isIn(positions);
            previous = position;
            assertThat(change.get("position").asLong()).isEqualTo(position);
            assertThat(change.get("contactId").asText()).isEqualTo(contactId);
            assertThat(properties.getReceivedRoutingKey())
                    .isEqualTo(change.get("change").asText()
                            + (change.get("purposeId").isNull()
                                    ? ""
                                    : "." + change.get("purposeId").asText()));
            assertThat(properties.getReceivedDeliveryMode()).isEqualTo(MessageDeliveryMode.PERSISTENT);
            assertThat(properties.getContentType()).isEqualTo("application/json");
            assertThat(properties.getType()).isEqualTo(change.get("change").asText());
            assertThat(properties.getAppId()).isEqualTo("consent-ledger");
            assertThat(new String(message.getBody(), StandardCharsets.UTF_8))
                    .doesNotContain("Ann Smith")
                    .doesNotContain("ann@example.com");
            JsonNode inFeed = api.get(INTEGRATOR, "/api/v1/changes?limit=1&wait=30&after=" + (position - 1))
                    .json()
                    .get("changes")
                    .get(0);
            assertThat(change)
                    .as("the change feed's change at the same position")
                    .isEqualTo(inFeed);
        }
        JsonNode granted = JSON.readTree(received.get(1).getBody());
        assertThat(granted.get("status").asText()).isEqualTo("GRANTED");
        assertThat(granted.get("legalBasis").asText()).isEqualTo("CONSENT");
        assertThat(granted.get("sourceId").asText()).isEqualTo("web-form");
        assertThat(granted.get("actor").asText()).isEqualTo(INTEGRATOR);
        assertThat(granted.get("recordedAt").asText()).endsWith("Z");
        JsonNode erased = JSON.readTree(received.get(3).getBody());
        assertThat(erased.get("status").asText()).isEqualTo("ERASED");
        assertThat(erased.get("purposeId").isNull()).isTrue();

        assertThat(awaitChanges(marketing, contactId, 3))
                .extracting(message -> message.getMessageProperties().getReceivedRoutingKey())
                .as("a purpose's binding and the erasures'")
                .containsExactly("CONSENT_GRANTED.e-marketing", "CONSENT_WITHDRAWN.e-marketing", "CONTACT_ERASED");
    }

    @Test
    void changesRecordedWhileTheBrokerIsDownArriveInOrderOnceItIsBack() throws Exception {
        String queue = queueBoundTo("#");
        String before = registerContact(uniqueId("amqp-before"));
        awaitChanges(queue, before, 1);
        StreamingEventProcessor publisher = publisher();

        String during = uniqueId("amqp-during");
        rabbitmqctl("stop_app");
        try {
            registerContact(during);
            grant(during, "e-marketing");
            withdraw(during, "e-marketing");

            await().atMost(ARRIVAL)
                    .until(() ->
                            publisher.processingStatus().values().stream().anyMatch(EventTrackerStatus::isErrorState));
            // Before the first change, not the first event: the registration's ContactRegistered is no change, and
            // the processor may store its token past an event it has nothing to do with.
            assertThat(sync.position(publisher))
                    .as("the publisher's token stays before the changes the broker has not confirmed")
                    .isLessThan(firstChangePosition(during));
            Api.Response health = api.get(ADMIN, "/actuator/health");
            assertThat(health.status()).as(health.body()).isEqualTo(200);
            assertThat(health.json().at("/components/amqp/status").asText()).isEqualTo("DEGRADED");
        } finally {
            rabbitmqctl("start_app");
            rabbitmqctl("await_startup");
        }

        assertThat(awaitChanges(queue, during, 3))
                .extracting(message -> message.getMessageProperties().getReceivedRoutingKey())
                .containsExactly(
                        "LEGAL_BASIS_DOCUMENTED.sales-and-service",
                        "CONSENT_GRANTED.e-marketing",
                        "CONSENT_WITHDRAWN.e-marketing");
        await().atMost(ARRIVAL)
                .untilAsserted(() -> assertThat(api.get(ADMIN, "/actuator/health")
                                .json()
                                .at("/components/amqp/status")
                                .asText())
                        .isEqualTo("UP"));
    }

    @Test
    void aChangeTheBrokerRefusesHoldsThePublisherAndIsPublishedAgainUntilTheBrokerTakesIt() {
        String purposeId = uniqueId("amqp");
        Api.Response defined = api.post(ADMIN, "/api/v1/purposes", """
                {"purposeId":"%s","name":"Broker test","requiresConsent":true}""".formatted(purposeId));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        String all = queueBoundTo("#");
        // A full queue that refuses what is routed to it: the broker answers the publisher with a negative confirm.
        String refusing = "consent-ledger.test-" + UUID.randomUUID();
        Queue full = QueueBuilder.durable(refusing)
                .maxLength(0)
                .overflow(QueueBuilder.Overflow.rejectPublish)
                .build();
        admin.declareQueue(full);
        queues.add(refusing);
        admin.declareBinding(
                BindingBuilder.bind(full).to(new TopicExchange(EXCHANGE)).with("*." + purposeId));
        StreamingEventProcessor publisher = publisher();

        String contactId = registerContact(uniqueId("amqp-nack"));
        grant(contactId, purposeId);

        await().atMost(ARRIVAL)
                .until(() -> publisher.processingStatus().values().stream()
                        .anyMatch(status -> status.isErrorState() && status.getError() instanceof PublishNotConfirmed));
        long grantedAt = grantPosition(contactId);
        assertThat(sync.position(publisher))
                .as("the token stays before the refused change")
                .isLessThan(grantedAt);
        admin.deleteQueue(refusing);

        assertThat(awaitChanges(all, contactId, 2))
                .extracting(message -> message.getMessageProperties().getReceivedRoutingKey())
                .containsExactly("LEGAL_BASIS_DOCUMENTED.sales-and-service", "CONSENT_GRANTED." + purposeId);
        await().atMost(ARRIVAL).until(() -> sync.position(publisher) >= grantedAt);
    }

    @Test
    void aChangeThatCommitsAfterOneWithAHigherPositionIsPublishedUnderItsOwnPositionAndBeforeIt() throws Exception {
        String queue = queueBoundTo("#");
        String slow = registerContact(uniqueId("amqp-slow"));
        String fast = registerContact(uniqueId("amqp-fast"));
        awaitChanges(queue, slow, 1);
        awaitChanges(queue, fast, 1);
        long next = eventsOf(slow);
        try (HeldGrant held = HeldGrant.open(eventStore, transactions, slow, next, INTEGRATOR)) {
            grant(fast, "e-marketing");
            long fastGrant = grantPosition(fast);
            // The fast grant is in the change feed's table, above the held grant's open position.
            await().atMost(ARRIVAL)
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM change_feed WHERE event_position = ?")
                                    .param(fastGrant)
                                    .query(Long.class)
                                    .single()
                            == 1);

            held.commit();
        }

        long slowGrant = grantPosition(slow);
        long fastGrant = grantPosition(fast);
        assertThat(slowGrant).isLessThan(fastGrant);
        Message late = awaitChanges(queue, slow, 2).get(1);
        assertThat(late.getMessageProperties().getMessageId()).isEqualTo(Long.toString(slowGrant));
        assertThat(JSON.readTree(late.getBody()).get("position").asLong()).isEqualTo(slowGrant);
        awaitChanges(queue, fast, 2);
        List<Long> arrived = received.get(queue).stream()
                .map(message -> Long.parseLong(message.getMessageProperties().getMessageId()))
                .filter(position -> position == slowGrant || position == fastGrant)
                .distinct()
                .toList();
        assertThat(arrived)
                .as("published in the feed's order: the late commit first, as its position says")
                .containsExactly(slowGrant, fastGrant);
    }

    @Test
    void aPublisherWithoutAPositionStartsAtTheFeedsHeadItsStartOrTheGivenPosition() {
        String contactId = registerContact(uniqueId("amqp-start"));
        grant(contactId, "e-marketing");
        long granted = grantPosition(contactId);
        await().atMost(ARRIVAL)
                .until(() ->
                        AmqpConfiguration.initialToken(feed, "head").position().orElse(-1) >= granted);
        long first = jdbc.sql("SELECT MIN(event_position) FROM change_feed")
                .query(Long.class)
                .single();

        assertThat(firstPositionFrom(AmqpConfiguration.initialToken(feed, "tail")))
                .isEqualTo(first);
        assertThat(firstPositionFrom(AmqpConfiguration.initialToken(feed, Long.toString(granted))))
                .isEqualTo(granted);
        assertThat(firstPositionFrom(AmqpConfiguration.initialToken(feed, "0"))).isEqualTo(first);
    }

    @Test
    void thePublishersLagIsGaugedAndItIsNoProjectionAnAdminCanReplay() {
        Api.Response scrape = api.get(METRICS, "/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.body())
                .contains("consent_processor_lag_events{processor=\"amqp-publisher\"}")
                .contains("consent_processor_lag_seconds{processor=\"amqp-publisher\"}")
                .contains("consent_amqp_unroutable_total");

        Api.Response replay = api.post(ADMIN, "/api/v1/admin/projections/amqp-publisher/replay", "");
        assertThat(replay.status()).as(replay.body()).isEqualTo(404);
        assertThat(api.get(ADMIN, "/api/v1/admin/projections").body()).doesNotContain("amqp-publisher");
    }

    /** MetricsTest checks the other rows in a context without publishing, where these metrics do not exist. */
    @Test
    void theDashboardsRabbitMqPanelsAskOnlyForMetricsTheScrapeHas() throws IOException {
        String queue = queueBoundTo("#");
        String contactId = registerContact(uniqueId("amqp-metrics"));
        awaitChanges(queue, contactId, 1);
        Set<String> asked = GrafanaDashboard.metricsByRow().get(GrafanaDashboard.RABBITMQ_ROW);
        assertThat(asked).contains("consent_amqp_unroutable_total", "rabbitmq_acknowledged_published_total");

        Api.Response scrape = api.get(METRICS, "/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);

        Set<String> scraped = scrape.body()
                .lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("[{ ]", 2)[0])
                .collect(Collectors.toSet());
        assertThat(scraped).containsAll(asked);
    }

    private StreamingEventProcessor publisher() {
        return processing
                .eventProcessor(ChangePublisher.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
    }

    /** A durable queue of this test's own, bound to the exchange with the patterns; deleted after the test. */
    private String queueBoundTo(String... patterns) {
        String name = "consent-ledger.test-" + UUID.randomUUID();
        Queue queue = new Queue(name, true, false, false);
        admin.declareQueue(queue);
        for (String pattern : patterns) {
            admin.declareBinding(
                    BindingBuilder.bind(queue).to(new TopicExchange(EXCHANGE)).with(pattern));
        }
        queues.add(name);
        return name;
    }

    /**
     * The contact's changes as the queue delivers them, once {@code expected} distinct ones have arrived: repeats of a
     * message id (at least once) are dropped, as a consumer does, and the first delivery of each kept. What the queue
     * delivered for other contacts stays for later calls.
     */
    private List<Message> awaitChanges(String queue, String contactId, int expected) {
        List<Message> delivered = received.computeIfAbsent(queue, name -> new ArrayList<>());
        Map<String, Message> byId = new LinkedHashMap<>();
        await().atMost(ARRIVAL).until(() -> {
            for (Message message = consumer.receive(queue); message != null; message = consumer.receive(queue)) {
                delivered.add(message);
            }
            byId.clear();
            for (Message message : delivered) {
                if (JSON.readTree(message.getBody()).get("contactId").asText().equals(contactId)) {
                    byId.putIfAbsent(message.getMessageProperties().getMessageId(), message);
                }
            }
            return byId.size() >= expected;
        });
        assertThat(byId).hasSize(expected);
        return new ArrayList<>(byId.values());
    }

    /** The position of the first change a stream of the feed opened at the token reads. */
    private long firstPositionFrom(TrackingToken token) {
        try (BlockingStream<TrackedEventMessage<?>> stream = feed.openStream(token)) {
            return stream.nextAvailable().trackingToken().position().orElseThrow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The position of the contact's (one) consent grant in the event store. */
    private long grantPosition(String contactId) {
        return jdbc.sql("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND payloadType LIKE '%.ConsentGranted'")
                .param(contactId)
                .query(Long.class)
                .single();
    }

    /** The position of the contact's first change: the sales-and-service basis its registration documents. */
    private long firstChangePosition(String contactId) {
        return jdbc.sql("SELECT MIN(globalIndex) FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND payloadType LIKE '%.LegalBasisDocumented'")
                .param(contactId)
                .query(Long.class)
                .single();
    }

    /** The positions of the contact's events in the event store, in order. */
    private List<Long> positionsOfEvents(String contactId) {
        return jdbc.sql("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ? ORDER BY globalIndex")
                .param(contactId)
                .query(Long.class)
                .list();
    }

    private void withdraw(String contactId, String purposeId) {
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/" + purposeId + "/withdrawal",
                "{\"sourceId\":\"email\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private void erase(String contactId) {
        Api.Response response = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** Runs rabbitmqctl on this machine's broker, failing the test when it does not succeed within a minute. */
    private static void rabbitmqctl(String command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("rabbitmqctl", command)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(1, TimeUnit.MINUTES)).as(output).isTrue();
        assertThat(process.exitValue())
                .as("rabbitmqctl " + command + ": " + output)
                .isZero();
    }
}
