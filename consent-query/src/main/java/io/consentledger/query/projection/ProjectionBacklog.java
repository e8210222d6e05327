package io.consentledger.query.projection;

import java.time.Duration;
import java.util.Optional;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * How many events the read models are behind the event store: the newest event's position minus the position of the
 * read model furthest behind, judged as {@link ProjectionSync} judges it (this node's live status, or the token the
 * owning node stored), so every node sees the same backlog. A read model that is being rebuilt does not count: its
 * backlog is the rebuild, which the projections page shows. Taken at most every 20 ms; asked on every write.
 */
@Component
public class ProjectionBacklog {

    private static final long REUSE_NANOS = Duration.ofMillis(20).toNanos();

    private record Taken(long atNanos, long events) {}

    private final EventProcessingConfiguration processing;
    private final ProjectionSync sync;
    private volatile Taken last;

    ProjectionBacklog(EventProcessingConfiguration processing, ProjectionSync sync) {
        this.processing = processing;
        this.sync = sync;
    }

    /** Events stored that some read model has not processed yet (0 when every one is caught up). */
    public long events() {
        Taken taken = last;
        long now = System.nanoTime();
        if (taken != null && now - taken.atNanos() < REUSE_NANOS) {
            return taken.events();
        }
        return take(now);
    }

    private synchronized long take(long now) {
        Taken taken = last;
        if (taken != null && now - taken.atNanos() < REUSE_NANOS) {
            return taken.events();
        }
        long head = sync.head();
        long behind = 0;
        for (String readModel : ReadModels.ALL) {
            Optional<StreamingEventProcessor> processor =
                    processing.eventProcessor(readModel, StreamingEventProcessor.class);
            if (processor.isEmpty() || rebuilding(processor.get())) {
                continue;
            }
            behind = Math.max(behind, head - sync.position(processor.get()));
        }
        last = new Taken(System.nanoTime(), behind);
        return behind;
    }

    private static boolean rebuilding(StreamingEventProcessor processor) {
        return processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
    }
}
