package io.consentledger.query.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStore;
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
    private final QuerySettings settings;

    ProjectionSync(
            EventStore eventStore,
            EventProcessingConfiguration processing,
            TokenStore tokenStore,
            QuerySettings settings) {
        this.eventStore = eventStore;
        this.processing = processing;
        this.tokenStore = tokenStore;
        this.settings = settings;
    }

    /** Returns once the projection has caught up with the head of the event store, or throws 503 after maxWait. */
    public void awaitCaughtUp(String processingGroup) {
        TrackingToken head = eventStore.createHeadToken();
        long target = head == null ? -1 : head.position().orElse(-1);
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

    /** Every segment of the processor is claimed here and past the target (another node may hold some). */
    private boolean caughtUp(StreamingEventProcessor processor, long target) {
        if (target < 0) {
            return true;
        }
        Map<Integer, EventTrackerStatus> segments = processor.processingStatus();
        if (segments.isEmpty() || segments.size() < tokenStore.fetchSegments(processor.getName()).length) {
            return false;
        }
        return segments.values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= target);
    }
}
