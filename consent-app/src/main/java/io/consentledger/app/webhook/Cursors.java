package io.consentledger.app.webhook;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Subscribers' cursors: positions of the event store (the global index of the last event a subscriber has had, -1 for
 * none yet), the tokens that stand for them, and the cursors as Axon's token store holds them.
 */
@Component
class Cursors {

    static final long BEGINNING = -1;

    private final EventStore eventStore;
    private final JdbcClient jdbc;
    private final Serializer serializer;

    Cursors(EventStore eventStore, JdbcClient jdbc, @Qualifier("serializer") Serializer serializer) {
        this.eventStore = eventStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
    }

    /** The position of the newest event in the store; -1 when it is empty. */
    long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? BEGINNING : head.position().orElse(BEGINNING);
    }

    /**
     * The token of a processor that has had every event up to the position and none after; {@code null} (the start of
     * the stream) for {@link #BEGINNING}.
     */
    TrackingToken tokenAt(long position) {
        if (position <= BEGINNING) {
            return null;
        }
        if (eventStore.createHeadToken() instanceof GlobalSequenceTrackingToken) {
            return new GlobalSequenceTrackingToken(position); // Axon Server's event store
        }
        return GapAwareTrackingToken.newInstance(position, Set.of());
    }

    /** The position a token stands for. */
    static long positionOf(TrackingToken token) {
        if (token == null) {
            return BEGINNING;
        }
        return WrappedToken.unwrapLowerBound(token).position().orElse(BEGINNING);
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
