package io.consentledger.query.projection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.stereotype.Component;

/**
 * Rebuilds a projection from the event store (its reset handler empties its tables and its dead letters are cleared,
 * then it replays every event; what still fails is dead-lettered again) and shows how far each projection is and how
 * many dead letters it has. Reads keep being answered meanwhile, from the tables as far as they are rebuilt; a read
 * with {@code wait=true} waits for the rebuild to catch up (or gets 503 after {@code consent.query.max-wait}).
 */
@Component
public class Projections {

    /** A rebuild this node started, and when it was seen finished. */
    private record Replay(Instant startedAt, Instant finishedAt, long events) {}

    private final EventProcessingConfiguration processing;
    private final ProjectionSync sync;
    private final DeadLetters deadLetters;
    private final Clock clock;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();

    Projections(EventProcessingConfiguration processing, ProjectionSync sync, DeadLetters deadLetters, Clock clock) {
        this.processing = processing;
        this.sync = sync;
        this.deadLetters = deadLetters;
        this.clock = clock;
    }

    /** Every projection: position, total, whether it is being rebuilt and at what pace. */
    public List<ProjectionStatus> status() {
        long total = sync.head();
        return ReadModels.ALL.stream().map(name -> status(name, total)).toList();
    }

    /** Starts rebuilding the projection from the event store; its status right after the start. */
    public ProjectionStatus replay(String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        processor.resetTokens();
        replays.put(name, new Replay(clock.instant(), null, 0));
        processor.start();
        return status(name, sync.head());
    }

    private ProjectionStatus status(String name, long total) {
        StreamingEventProcessor processor = processor(name);
        long position = sync.position(processor);
        // Axon keeps a segment in replay mode until an event newer than the reset arrives; caught up is done.
        boolean replaying = position < total
                && processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
        long dead = deadLetters.count(name);
        Replay replay = replays.get(name);
        if (replay == null) {
            return new ProjectionStatus(name, replaying, position, total, null, null, dead);
        }
        if (replay.finishedAt() == null && !replaying && position >= total) {
            replay = new Replay(replay.startedAt(), clock.instant(), Math.max(position + 1, 0));
            replays.put(name, replay);
        }
        Instant until = replay.finishedAt() == null ? clock.instant() : replay.finishedAt();
        long processed = replay.finishedAt() == null ? Math.max(position + 1, 0) : replay.events();
        double seconds = Math.max(Duration.between(replay.startedAt(), until).toMillis(), 1) / 1000.0;
        return new ProjectionStatus(
                name,
                replaying,
                position,
                total,
                replay.startedAt(),
                Math.round(processed / seconds * 10) / 10.0,
                dead);
    }

    private StreamingEventProcessor processor(String name) {
        if (!ReadModels.ALL.contains(name)) {
            throw new UnknownProjection(name);
        }
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjection(name));
    }
}
