package io.consentledger.app.webhook;

import io.consentledger.query.feed.ChangeFeedSource;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Subscribers' cursors: positions of the change feed (the global position of the last change a subscriber has had, -1
 * for none yet; {@link ChangeFeedSource}), the tokens that stand for them, and the cursors as Axon's token store holds
 * them.
 */
@Component
class Cursors {

    static final long BEGINNING = -1;

    private final EventStore eventStore;
    private final ChangeFeedSource feed;
    private final JdbcClient jdbc;
    private final Serializer serializer;

    Cursors(
            EventStore eventStore,
            ChangeFeedSource feed,
            JdbcClient jdbc,
            @Qualifier("serializer") Serializer serializer) {
        this.eventStore = eventStore;
        this.feed = feed;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The position of the newest event in the store (what a cursor's lag is measured to); -1 when it is empty. */
    long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? BEGINNING : head.position().orElse(BEGINNING);
    }

    /** The position up to which the feed is final: a subscriber that starts {@code now} gets every change after it. */
    long now() {
        return positionOf(feed.createHeadToken());
    }

    /** The token of a processor that has had every change up to the position; {@code null} for {@link #BEGINNING}. */
    TrackingToken tokenAt(long position) {
        return ChangeFeedSource.tokenAt(position);
    }

    /** The position a token stands for. */
    static long positionOf(TrackingToken token) {
        return ChangeFeedSource.positionOf(token);
    }

    /** Every webhook processor's cursor, by processor name, as stored in Axon's token table (all nodes see them). */
    Map<String, Long> stored() {
        Map<String, Long> positions = new HashMap<>();
        jdbc.sql("SELECT processorName, token, tokenType FROM TokenEntry WHERE processorName LIKE 'webhook-%'")
                .query(rs -> {
                    byte[] token = rs.getBytes("token");
                    String type = rs.getString("tokenType");
                    TrackingToken tracking = token == null || type == null
                            ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                    positions.put(rs.getString("processorName"), positionOf(tracking));
                });
        return positions;
    }
}
