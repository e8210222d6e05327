package io.consentledger.query.web;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets a client read its own writes: waits until a projection has processed every event that was stored when the
 * read began. A 2xx from a command means its events are stored, so a read with {@code wait=true} after it sees them.
 */
@Component
public class ProjectionSync {

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    private final EventStore eventStore;
    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final JdbcClient jdbc;
    private final Serializer serializer;
    private final QuerySettings settings;

    ProjectionSync(
            EventStore eventStore,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            JdbcClient jdbc,
            Serializer serializer,
            QuerySettings settings) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.settings = settings;
    }

    /** Returns once the projection has caught up with the head of the event store, or throws 503 after maxWait. */
    public void awaitCaughtUp(String processingGroup) {
        long target = head();
        StreamingEventProcessor processor = processing
                .eventProcessor(processingGroup, StreamingEventProcessor.class)
                .orElseThrow(() -> new IllegalStateException("No streaming processor " + processingGroup));
        long deadline = System.nanoTime() + settings.maxWait().toNanos();
        while (!caughtUp(processor, target)) {
            if (System.nanoTime() > deadline) {
                throw new ProjectionLagging(processingGroup);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    /**
     * Every segment of the processor is past the target: a segment this node processes by its live status (advanced
     * only after a batch commits), a segment another node processes by the token that node stored.
     */
    private boolean caughtUp(StreamingEventProcessor processor, long target) {
        return target < 0 || position(processor) >= target;
    }

    /** The position in the event store up to which every segment of the processor has processed; -1 for none. */
    public long position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        int[] segments = tokenStore.fetchSegments(processor.getName());
        if (segments.length == 0) {
            return -1;
        }
        Map<Integer, Long> stored = null;
        long lowest = Long.MAX_VALUE;
        for (int segment : segments) {
            EventTrackerStatus status = local.get(segment);
            long position;
            if (status != null) {
                position = status.getCurrentPosition().orElse(-1);
            } else {
                stored = stored == null ? storedPositions(processor.getName()) : stored;
                position = stored.getOrDefault(segment, -1L);
            }
            lowest = Math.min(lowest, position);
        }
        return lowest;
    }

    /** The position of the newest event in the store; -1 when it is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** The positions other nodes stored for the processor's segments, read from Axon's token table. */
    private Map<Integer, Long> storedPositions(String processorName) {
        Map<Integer, Long> positions = new HashMap<>();
        jdbc.sql("SELECT segment, token, tokenType FROM TokenEntry WHERE processorName = ?")
                .param(processorName)
                .query(rs -> {
                    byte[] token = rs.getBytes("token");
                    String type = rs.getString("tokenType");
                    long position = -1;
                    if (token != null && type != null) {
                        TrackingToken tracking =
                                serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                        position = tracking == null ? -1 : tracking.position().orElse(-1);
                    }
                    positions.put(rs.getInt("segment"), position);
                });
        return positions;
    }
}
