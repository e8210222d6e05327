package io.consentledger.app.amqp;

import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.EnabledIfRabbitMq;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.PostgresOutage;
import io.consentledger.query.projection.ProjectionSync;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Publishing to the real RabbitMQ across outages of the database: the service's PostgreSQL connections are terminated
 * three times while changes are being recorded and published. The queue ends up with every change of the change feed,
 * at least once, first in the feed's order; once the publisher's position has passed a change,
 * it is not published again.
 */
@EnabledIfPostgres
@EnabledIfRabbitMq
@DirtiesContext
@TestPropertySource(
        properties = {
            "consent.amqp.enabled=true",
            "consent.amqp.exchange=" + AmqpDatabaseOutageOnPostgresTest.EXCHANGE,
            "spring.rabbitmq.host=127.0.0.1",
            "spring.rabbitmq.port=5672",
            "spring.rabbitmq.username=guest",
            "spring.rabbitmq.password=guest"
        })
class AmqpDatabaseOutageOnPostgresTest extends LedgerTest {

    static final String EXCHANGE = "consent-ledger.changes.outage-test";

    private static final PostgresOutage OUTAGE = new PostgresOutage();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(90);
    /** This run's contacts' ids begin with it: another run on the same broker publishes to the same exchange. */
    private static final String PREFIX =
            "amqp-outage-" + UUID.randomUUID().toString().substring(0, 6);

    private static CachingConnectionFactory broker;
    private static RabbitAdmin admin;
    private static RabbitTemplate consumer;

    private String queue;

    /** Every message of this test's contacts the queue delivered, in the order it delivered them. */
    private final List<JsonNode> received = new ArrayList<>();

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionSync sync;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        OUTAGE.postgres(registry);
    }

    @BeforeAll
    static void connectAsAConsumer() {
        broker = new CachingConnectionFactory("127.0.0.1", 5672);
        broker.setUsername("guest");
        broker.setPassword("guest");
        admin = new RabbitAdmin(broker);
        admin.declareExchange(new TopicExchange(EXCHANGE, true, false));
        consumer = new RabbitTemplate(broker);
    }

    @BeforeEach
    void bindAQueue() {
        queue = "consent-ledger.test-" + UUID.randomUUID();
        Queue declared = new Queue(queue, true, false, false);
        admin.declareQueue(declared);
        admin.declareBinding(
                BindingBuilder.bind(declared).to(new TopicExchange(EXCHANGE)).with("#"));
    }

    @AfterEach
    void deleteQueue() {
        admin.deleteQueue(queue);
    }

    @AfterAll
    static void disconnect() {
        broker.destroy();
    }

    @Test
    void everyChangeOfTheFeedIsPublishedAcrossOutagesAndNoneAgainOnceThePublisherHasPassedIt() throws Exception {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            contacts.add(registerWithRetries());
        }
        await().atMost(PATIENCE).until(() -> drain() >= 3);

        // Three outages while a writer records changes and the publisher publishes them.
        ExecutorService writer = Executors.newSingleThreadExecutor();
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> written = Collections.synchronizedList(new ArrayList<>());
        Future<?> writes = writer.submit(() -> {
            while (writing.get()) {
                String contactId = registerWithRetries();
                written.add(contactId);
                PostgresOutage.postUntilRecorded(
                        api,
                        INTEGRATOR,
                        "/api/v1/contacts/" + contactId + "/consents",
                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}",
                        PATIENCE);
            }
        });
        try {
            for (int outage = 0; outage < 3; outage++) {
                int before = drain();
                await().atMost(PATIENCE).alias("publishing under way").until(() -> drain() >= before + 3);
                assertThat(OUTAGE.terminateConnections())
                        .as("the service's connections terminated")
                        .isPositive();
                int atOutage = drain();
                await().atMost(PATIENCE)
                        .alias("publishing goes on after the outage")
                        .until(() -> drain() > atOutage);
            }
        } finally {
            writing.set(false);
            writes.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            writer.shutdown();
        }
        contacts.addAll(written);
        String last = registerWithRetries();
        contacts.add(last);

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
        Map<Long, JsonNode> feedByPosition = new HashMap<>();
        feed.forEach(change -> feedByPosition.put(change.get("position").asLong(), change));
        await().atMost(PATIENCE).until(() -> {
            drain();
            return firstOfEach().keySet().containsAll(feedByPosition.keySet());
        });
        assertThat(firstOfEach())
                .as("every change of the feed, field for field, and nothing else")
                .isEqualTo(feedByPosition);

        // The changes arrived first in the feed's order, by position, across contacts (a repeat may come after later
        // ones).
        assertThat(List.copyOf(firstOfEach().keySet())).isSorted();

        // Once the publisher's position has passed every change, nothing comes again: only the next new change.
        StreamingEventProcessor publisher = processing
                .eventProcessor(ChangePublisher.PROCESSING_GROUP, StreamingEventProcessor.class)
                .orElseThrow();
        long head = jdbc.sql("SELECT MAX(globalIndex) FROM DomainEventEntry")
                .query(Long.class)
                .single();
        await().atMost(PATIENCE).until(() -> sync.position(publisher) >= head);
        int settled = drain();
        String after = registerWithRetries();
        await().atMost(PATIENCE).until(() -> {
            drain();
            return received.stream()
                    .anyMatch(change -> change.get("contactId").asText().equals(after));
        });
        assertThat(received.subList(settled, received.size()))
                .allSatisfy(
                        change -> assertThat(change.get("contactId").asText()).isEqualTo(after));
    }

    /** Takes what the queue holds; how many messages of this test's contacts it delivered so far. */
    private int drain() throws IOException {
        for (Message message = consumer.receive(queue); message != null; message = consumer.receive(queue)) {
            JsonNode change = JSON.readTree(message.getBody());
            assertThat(message.getMessageProperties().getMessageId())
                    .isEqualTo(change.get("position").asText());
            if (change.get("contactId").asText().startsWith(PREFIX)) {
                received.add(change);
            }
        }
        return received.size();
    }

    /** The first delivery of each message, by position, in the order they first arrived. */
    private Map<Long, JsonNode> firstOfEach() {
        Map<Long, JsonNode> first = new LinkedHashMap<>();
        received.forEach(change -> first.putIfAbsent(change.get("position").asLong(), change));
        return first;
    }

    private String registerWithRetries() {
        String contactId = uniqueId(PREFIX);
        PostgresOutage.postUntilRecorded(api, INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"Ann Smith","email":"ann@example.com","sourceId":"business-card"}""".formatted(contactId), PATIENCE);
        return contactId;
    }
}
