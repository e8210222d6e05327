package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.api.feed.FeedChange;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.HeldGrant;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.query.feed.ChangeFeedSource;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The change feed over HTTP: paging by position, the long poll, NDJSON, erasure, refusals, and that a reader paging
 * with {@code after} never misses an event that committed after a later one (storage-sensitive: on H2 and
 * PostgreSQL). The feed is shared by every test of the context, so each test looks at its own contacts' changes.
 */
abstract class ChangeFeedContract extends LedgerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper FEED_JSON = new ObjectMapper().findAndRegisterModules();

    @Autowired
    private ChangeFeedSource source;

    @Autowired
    private EventStore eventStore;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void pagesAContactsChangesInPositionOrderWithTheCursorToReadOn() {
        long start = head();
        String contactId = registerContact(uniqueId("feed"));
        grant(contactId, "e-marketing");
        withdraw(contactId, "e-marketing");
        List<JsonNode> changes = awaitChanges(start, contactId, 2);

        JsonNode granted = changes.get(0);
        assertThat(granted.get("change").asText()).isEqualTo("CONSENT_GRANTED");
        assertThat(granted.get("status").asText()).isEqualTo("GRANTED");
        assertThat(granted.get("purposeId").asText()).isEqualTo("e-marketing");
        assertThat(granted.get("legalBasis").asText()).isEqualTo("CONSENT");
        assertThat(granted.get("sourceId").asText()).isEqualTo("web-form");
        assertThat(granted.get("actor").asText()).isEqualTo(INTEGRATOR);
        assertThat(granted.get("channel").asText()).isEqualTo("api");
        assertThat(granted.get("purposeVersion").asInt()).isPositive();
        assertThat(granted.get("occurredAt").asText()).isNotBlank();
        assertThat(granted.get("recordedAt").asText()).isNotBlank();
        JsonNode withdrawn = changes.get(1);
        assertThat(withdrawn.get("change").asText()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(withdrawn.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdrawn.get("position").asLong())
                .isGreaterThan(granted.get("position").asLong());

        // One change a page: each page's next is its change's position, and reading on from it gives the next one.
        long before = granted.get("position").asLong() - 1;
        JsonNode first = feed(INTEGRATOR, "after=" + before + "&limit=1");
        assertThat(first.get("changes")).hasSize(1);
        assertThat(first.get("changes").get(0)).isEqualTo(granted);
        assertThat(first.get("next").asLong()).isEqualTo(granted.get("position").asLong());
        JsonNode second = feed(AUDITOR, "after=" + first.get("next").asLong() + "&limit=1");
        assertThat(second.get("changes").get(0)).isEqualTo(withdrawn);
    }

    @Test
    void theSourceWebhooksAndTheBrokerReadGivesTheFeedsChangesInOrderThenStandsAtItsWatermark() {
        long start = head();
        String contactId = registerContact(uniqueId("source"));
        grant(contactId, "e-marketing");
        withdraw(contactId, "e-marketing");
        List<JsonNode> changes = awaitChanges(start, contactId, 2);
        long granted = changes.get(0).get("position").asLong();
        Api.Response updated = api.put(INTEGRATOR, "/api/v1/contacts/" + contactId, """
                {"name":"Ann Smith-Jones","email":"ann@example.com"}""");
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        long detailsChanged = jdbc.sql("SELECT MAX(globalIndex) FROM DomainEventEntry WHERE aggregateIdentifier = ?")
                .param(contactId)
                .query(Long.class)
                .single();
        // A cursor stored as an event store's token, with a gap at the grant: read from below the gap.
        TrackingToken eventStoreToken = GapAwareTrackingToken.newInstance(granted + 1, Set.of(granted));

        List<TrackedEventMessage<?>> read = new ArrayList<>();
        try (BlockingStream<TrackedEventMessage<?>> stream = source.openStream(eventStoreToken)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                while (stream.hasNextAvailable(100, TimeUnit.MILLISECONDS)) {
                    read.add(stream.nextAvailable());
                }
                return read.stream()
                        .anyMatch(message -> message.getPayload() instanceof ChangeFeedSource.FeedWatermark watermark
                                && watermark.position() >= detailsChanged);
            });
        }

        assertThat(read)
                .extracting(message -> message.trackingToken().position().orElseThrow())
                .as("each message's token at its own position, in order")
                .isSorted()
                .doesNotHaveDuplicates()
                .first()
                .isEqualTo(granted);
        List<FeedChange> ours = read.stream()
                .map(TrackedEventMessage::getPayload)
                .filter(FeedChange.class::isInstance)
                .map(FeedChange.class::cast)
                .filter(change -> change.contactId().equals(contactId))
                .toList();
        assertThat(ours)
                .extracting(change -> change.position() + " " + change.change())
                .containsExactly(
                        granted + " CONSENT_GRANTED",
                        changes.get(1).get("position").asLong() + " CONSENT_WITHDRAWN");
        assertThat(read)
                .filteredOn(
                        message -> message.getPayload() instanceof FeedChange change && change.position() == granted)
                .singleElement()
                .satisfies(message -> assertThat(message.getPayload())
                        .isEqualTo(FEED_JSON.treeToValue(changes.get(0), FeedChange.class)));
    }

    @Test
    void aReaderWithNothingNewGetsAnEmptyPageWithItsOwnCursorWhenTheWaitIsUp() {
        long beyond = head() + 1_000_000;

        JsonNode page = feed(INTEGRATOR, "after=" + beyond + "&wait=1");

        assertThat(page.get("changes")).isEmpty();
        assertThat(page.get("next").asLong()).isEqualTo(beyond);
    }

    @Test
    void aWaitingReaderIsAnsweredAsSoonAsAChangeCommits() throws Exception {
        String contactId = registerContact(uniqueId("wait"));
        long start = head();
        CompletableFuture<HttpResponse<String>> waiting = HttpClient.newHttpClient()
                .sendAsync(
                        api.request(INTEGRATOR, "/api/v1/changes?wait=30&after=" + start)
                                .GET()
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        grant(contactId, "e-marketing");

        HttpResponse<String> answer = waiting.get(20, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(answer.body());
        assertThat(page.get("changes")).isNotEmpty();
        assertThat(page.get("changes").findValuesAsText("contactId")).contains(contactId);
        assertThat(page.get("next").asLong()).isGreaterThan(start);
    }

    @Test
    void streamsTheSameChangesAsNdjsonOneObjectALine() throws Exception {
        long start = head();
        String contactId = registerContact(uniqueId("ndjson"));
        grant(contactId, "e-marketing");
        withdraw(contactId, "e-marketing");
        awaitChanges(start, contactId, 2);
        JsonNode page = feed(AUDITOR, "after=" + start + "&limit=1000");

        Api.Response stream = api.send(api.request(AUDITOR, "/api/v1/changes?limit=1000&after=" + start)
                .header("Accept", "application/x-ndjson")
                .GET()
                .build());

        assertThat(stream.status()).as(stream.body()).isEqualTo(200);
        assertThat(stream.contentType()).startsWith("application/x-ndjson");
        List<JsonNode> lines = lines(stream.body());
        List<JsonNode> paged = new ArrayList<>();
        page.get("changes").forEach(paged::add);
        assertThat(lines).isEqualTo(paged);
        assertThat(lines.get(lines.size() - 1).get("position").asLong())
                .isEqualTo(page.get("next").asLong());
    }

    @Test
    void anErasedContactsChangesStayWithIdsOnlyAndTheErasureFollows() {
        long start = head();
        String contactId = registerContact(uniqueId("erased"));
        grant(contactId, "e-marketing");
        Api.Response erased = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/erasure", "");
        assertThat(erased.status()).as(erased.body()).isEqualTo(200);

        List<JsonNode> changes = awaitChanges(start, contactId, 2);

        assertThat(changes.get(0).get("change").asText()).isEqualTo("CONSENT_GRANTED");
        JsonNode erasure = changes.get(1);
        assertThat(erasure.get("change").asText()).isEqualTo("CONTACT_ERASED");
        assertThat(erasure.get("status").asText()).isEqualTo("ERASED");
        assertThat(erasure.get("purposeId").isNull()).isTrue();
        assertThat(erasure.get("actor").asText()).isEqualTo(ADMIN);
        assertThat(changes.toString()).doesNotContain("Ann Smith", "ann@example.com", "trade fair");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"limit=0", "limit=1001", "limit=ten", "wait=31", "wait=-1", "after=-1", "after=first", "wait=1.5"
            })
    void refusesParametersOutOfRange(String parameter) {
        for (String accept : List.of("application/json", "application/x-ndjson")) {
            Api.Response refused = api.send(api.request(INTEGRATOR, "/api/v1/changes?" + parameter)
                    .header("Accept", accept)
                    .GET()
                    .build());

            assertThat(refused.status()).as(parameter + " " + refused.body()).isEqualTo(400);
            assertThat(refused.contentType()).isEqualTo("application/problem+json");
            assertThat(refused.json().get("type").asText()).isEqualTo("urn:consent-ledger:problem:invalid-request");
        }
    }

    @Test
    void aReaderNeverPassesAnEventThatCommitsAfterALaterOne() throws Exception {
        String slow = registerContact(uniqueId("slow"));
        String fast = registerContact(uniqueId("fast"));
        long start = head();
        long next = eventsOf(slow);
        long cursor;
        try (HeldGrant held = HeldGrant.open(eventStore, transactions, slow, next, "crm-sync")) {

            grant(fast, "e-marketing");
            await().atMost(Duration.ofSeconds(30))
                    .alias("the feed's processor projected the later event past the open transaction")
                    .until(() -> jdbc.sql(
                                            "SELECT COUNT(*) FROM change_feed WHERE contact_id = ? AND change = 'CONSENT_GRANTED'")
                                    .param(fast)
                                    .query(Long.class)
                                    .single()
                            == 1);
            JsonNode page = feed(INTEGRATOR, "after=" + start + "&limit=1000");
            List<String> grantedTo = new ArrayList<>();
            page.get("changes").forEach(change -> {
                if (change.get("change").asText().equals("CONSENT_GRANTED")) {
                    grantedTo.add(change.get("contactId").asText());
                }
            });
            assertThat(grantedTo)
                    .as("held back below the open transaction's position")
                    .doesNotContain(fast, slow);
            cursor = page.get("next").asLong();

            held.commit();
        }

        List<JsonNode> slowChanges = awaitChanges(cursor, slow, 1);
        List<JsonNode> fastChanges = awaitChanges(cursor, fast, 1);
        assertThat(slowChanges.get(0).get("position").asLong())
                .as("the event that committed last has the lower position, above the reader's cursor")
                .isGreaterThan(cursor)
                .isLessThan(fastChanges.get(0).get("position").asLong());
    }

    @Test
    void aDeadLetterHoldsTheFeedBackUntilItIsProcessedAndNoChangeIsSkipped() {
        // A fault of the feed's own table (a constraint that should not be there) that an admin then fixes.
        long start = head();
        String blocked = uniqueId("feedblocked");
        jdbc.sql("ALTER TABLE change_feed ADD CONSTRAINT feed_test_blocked CHECK (contact_id NOT LIKE 'feedblocked-%')")
                .update();
        String later;
        try {
            registerContact(blocked);
            grant(blocked, "e-marketing");
            later = registerContact(uniqueId("later"));
            grant(later, "e-marketing");
            await().atMost(Duration.ofSeconds(30))
                    .alias("the feed's processor went on past the dead letter")
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM change_feed WHERE contact_id = ? AND change = ?")
                                    .params(later, "CONSENT_GRANTED")
                                    .query(Long.class)
                                    .single()
                            == 1);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM DeadLetterEntry WHERE processingGroup = 'change-feed'"
                                    + " AND sequenceIdentifier = ?")
                            .param(blocked)
                            .query(Long.class)
                            .single())
                    .isGreaterThanOrEqualTo(2);

            JsonNode page = feed(INTEGRATOR, "after=" + start + "&limit=1000");
            assertThat(page.get("changes").findValuesAsText("contactId"))
                    .as("nothing at or after the dead letter")
                    .doesNotContain(blocked, later);
        } finally {
            jdbc.sql("ALTER TABLE change_feed DROP CONSTRAINT feed_test_blocked")
                    .update();
        }
        Api.Response retried = api.post(ADMIN, "/api/v1/admin/projections/change-feed/dead-letters/retry", "");
        assertThat(retried.status()).as(retried.body()).isEqualTo(200);

        List<JsonNode> blockedChanges = awaitChanges(start, blocked, 1);
        List<JsonNode> laterChanges = awaitChanges(start, later, 1);
        assertThat(blockedChanges.get(0).get("change").asText()).isEqualTo("CONSENT_GRANTED");
        assertThat(blockedChanges.get(0).get("position").asLong())
                .isLessThan(laterChanges.get(0).get("position").asLong());
    }

    private void withdraw(String contactId, String purposeId) {
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/" + purposeId + "/withdrawal",
                "{\"sourceId\":\"email\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    private JsonNode feed(String user, String query) {
        Api.Response response = api.get(user, "/api/v1/changes?" + query);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The cursor after the last change the feed answers now. */
    private long head() {
        long cursor = 0;
        while (true) {
            JsonNode page = feed(AUDITOR, "after=" + cursor + "&limit=1000");
            if (page.get("changes").isEmpty()) {
                return cursor;
            }
            cursor = page.get("next").asLong();
        }
    }

    /**
     * The contact's changes after the cursor but the one its registration makes, oldest first, once there are
     * {@code count}, paging as a reader does.
     */
    private List<JsonNode> awaitChanges(long after, String contactId, int count) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            found.clear();
            long cursor = after;
            while (true) {
                JsonNode page = feed(INTEGRATOR, "after=" + cursor + "&limit=1000");
                if (page.get("changes").isEmpty()) {
                    break;
                }
                page.get("changes").forEach(change -> {
                    // Registration from the import source documents a legal basis of its own; not what tests look at.
                    if (change.get("contactId").asText().equals(contactId)
                            && !change.get("change").asText().equals("LEGAL_BASIS_DOCUMENTED")) {
                        found.add(change);
                    }
                });
                cursor = page.get("next").asLong();
            }
            assertThat(found).hasSize(count);
        });
        return found;
    }

    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }
}
