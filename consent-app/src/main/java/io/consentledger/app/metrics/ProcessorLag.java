package io.consentledger.app.metrics;

import io.consentledger.query.projection.ProjectionSync;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far each streaming processor (the projections and the confirmation-email process) is behind the event store:
 * in positions (the newest event's position minus the processor's) and in seconds (how long ago the oldest event it
 * has not processed yet was stored). Segments this node processes are judged by their live status, the others by the
 * token their node stored, so every node reports the same lag. Taken at most once a second, for all processors at once:
 * a scrape reads each gauge separately.
 */
final class ProcessorLag {

    /** A processor's lag: positions of the event store and seconds. */
    record Lag(long events, double seconds) {}

    private record Snapshot(long takenAtNanos, Map<String, Lag> lags) {}

    private static final long REUSE_NANOS = Duration.ofSeconds(1).toNanos();

    private final EventProcessingConfiguration processing;
    private final ProjectionSync sync;
    private final JdbcClient jdbc;
    private final Clock clock;
    private Snapshot last;

    ProcessorLag(EventProcessingConfiguration processing, ProjectionSync sync, JdbcClient jdbc, Clock clock) {
        this.processing = processing;
        this.sync = sync;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The names of the streaming processors this node runs. */
    Iterable<String> processors() {
        return processing.eventProcessors().entrySet().stream()
                .filter(processor -> processor.getValue() instanceof StreamingEventProcessor)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
    }

    /** The processor's lag as of at most a second ago. */
    Lag of(String processor) {
        Lag lag = snapshot().lags().get(processor);
        if (lag == null) {
            throw new IllegalStateException("No streaming processor " + processor);
        }
        return lag;
    }

    private synchronized Snapshot snapshot() {
        long nanos = System.nanoTime();
        if (last != null && nanos - last.takenAtNanos() < REUSE_NANOS) {
            return last;
        }
        Instant now = clock.instant();
        long head = sync.head();
        Map<String, Lag> lags = new HashMap<>();
        processing.eventProcessors().forEach((name, processor) -> {
            if (processor instanceof StreamingEventProcessor streaming) {
                long position = sync.position(streaming);
                long behind = Math.max(head - position, 0);
                lags.put(name, new Lag(behind, behind == 0 ? 0 : waitingSince(position, now)));
            }
        });
        last = new Snapshot(nanos, lags);
        return last;
    }

    /**
     * How long the first event after the position has been stored. There always is one when the processor is behind
     * the newest event in this database's event table; NaN (unknown) when the events are elsewhere (Axon Server).
     */
    private double waitingSince(long position, Instant now) {
        return jdbc.sql("SELECT timeStamp FROM DomainEventEntry WHERE globalIndex > ? ORDER BY globalIndex"
                        + " FETCH FIRST 1 ROWS ONLY")
                .param(position)
                .query(String.class)
                .optional()
                .map(stored -> Math.max(
                        Duration.between(DateTimeUtils.parseInstant(stored), now)
                                        .toMillis()
                                / 1000.0,
                        0))
                .orElse(Double.NaN);
    }
}
