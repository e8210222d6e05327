package io.consentledger.query.projection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Lets a client read its own writes: waits until a projection has processed every event that was stored when the
 * read began — also one that committed after a later event was already processed. A 2xx from a command means its
 * events are stored, so a read with {@code wait=true} after it sees them.
 */
@Component
public class ProjectionSync {

    private static final long POLL_NANOS = Duration.ofMillis(5).toNanos();

    /** Gaps looked up per statement; a token rarely holds more than a few. */
    private static final int GAP_CHUNK = 500;

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
     * Every segment of the processor is past the target, and none of them still waits for an event at or below the
     * target that is stored by now: an event whose transaction got its position before a later one but committed
     * after it (a gap in the segment's token that has filled). A segment this node processes is judged by its live
     * status (advanced only after a batch commits), a segment another node processes by the token that node stored.
     */
    private boolean caughtUp(StreamingEventProcessor processor, long target) {
        if (target < 0) {
            return true;
        }
        List<TrackingToken> tokens = tokens(processor);
        if (tokens.isEmpty()) {
            return false;
        }
        Set<Long> gaps = new TreeSet<>();
        for (TrackingToken token : tokens) {
            if (position(token) < target) {
                return false;
            }
            WrappedToken.unwrap(token, GapAwareTrackingToken.class)
                    .ifPresent(gapAware -> gapAware.getGaps().stream()
                            .filter(gap -> gap <= target)
                            .forEach(gaps::add));
        }
        return gaps.isEmpty() || !anyStored(gaps);
    }

    /** The position in the event store up to which every segment of the processor has processed; -1 for none. */
    public long position(StreamingEventProcessor processor) {
        return tokens(processor).stream()
                .mapToLong(ProjectionSync::position)
                .min()
                .orElse(-1);
    }

    /** The token of every segment of the processor: this node's live one, or the one stored by the node owning it. */
    private List<TrackingToken> tokens(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> local = processor.processingStatus();
        int[] segments = tokenStore.fetchSegments(processor.getName());
        List<TrackingToken> tokens = new ArrayList<>();
        Map<Integer, TrackingToken> stored = null;
        for (int segment : segments) {
            EventTrackerStatus status = local.get(segment);
            if (status != null) {
                tokens.add(status.getTrackingToken());
            } else {
                stored = stored == null ? storedTokens(processor.getName()) : stored;
                tokens.add(stored.get(segment));
            }
        }
        return tokens;
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    /** Whether any of these positions holds a committed event by now. */
    private boolean anyStored(Set<Long> positions) {
        List<Long> all = new ArrayList<>(positions);
        for (int from = 0; from < all.size(); from += GAP_CHUNK) {
            List<Long> chunk = all.subList(from, Math.min(from + GAP_CHUNK, all.size()));
            long found = jdbc.sql("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex IN (:positions)")
                    .param("positions", chunk)
                    .query(Long.class)
                    .single();
            if (found > 0) {
                return true;
            }
        }
        return false;
    }

    /** The position of the newest event in the store; -1 when it is empty. */
    public long head() {
        TrackingToken head = eventStore.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** The tokens other nodes stored for the processor's segments, read from Axon's token table. */
    private Map<Integer, TrackingToken> storedTokens(String processorName) {
        Map<Integer, TrackingToken> tokens = new HashMap<>();
        jdbc.sql("SELECT segment, token, tokenType FROM TokenEntry WHERE processorName = ?")
                .param(processorName)
                .query(rs -> {
                    byte[] token = rs.getBytes("token");
                    String type = rs.getString("tokenType");
                    TrackingToken tracking = token == null || type == null
                            ? null
                            : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
                    tokens.put(rs.getInt("segment"), tracking);
                });
        return tokens;
    }
}
