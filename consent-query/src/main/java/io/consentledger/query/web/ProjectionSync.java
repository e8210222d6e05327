package io.consentledger.query.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
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
    private final QuerySettings settings;

    ProjectionSync(EventStore eventStore, EventProcessingConfiguration processing, QuerySettings settings) {
        this.eventStore = eventStore;
        this.processing = processing;
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
        while (!caughtUp(processor.processingStatus(), target)) {
            if (System.nanoTime() > deadline) {
                throw new ProjectionLagging(processingGroup);
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static boolean caughtUp(Map<Integer, EventTrackerStatus> segments, long target) {
        if (target < 0) {
            return true;
        }
        if (segments.isEmpty()) {
            return false;
        }
        return segments.values().stream()
                .allMatch(status -> status.getCurrentPosition().orElse(-1) >= target);
    }
}
