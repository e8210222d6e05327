package io.consentledger.query.web;

import io.consentledger.query.catalog.CatalogProjection;
import io.consentledger.query.contact.HistoryProjection;
import io.consentledger.query.contact.LegalBasisProjection;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds a projection from the event store (its reset handler empties its tables, then it replays every event) and
 * shows how far each projection is. Reads keep being answered meanwhile, from the tables as far as they are rebuilt;
 * a read with {@code wait=true} waits for the rebuild to catch up (or gets 503 after {@code consent.query.max-wait}).
 */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration", description = "Projections: status and rebuilds (ADMIN; status also AUDITOR)")
class ProjectionAdminController {

    static final List<String> PROJECTIONS = List.of(
            CatalogProjection.PROCESSING_GROUP,
            LegalBasisProjection.PROCESSING_GROUP,
            HistoryProjection.PROCESSING_GROUP);

    /** A rebuild this node started, and when it was seen finished. */
    private record Replay(Instant startedAt, Instant finishedAt, long events) {}

    private final EventProcessingConfiguration processing;
    private final ProjectionSync sync;
    private final Clock clock;
    private final Map<String, Replay> replays = new ConcurrentHashMap<>();

    ProjectionAdminController(EventProcessingConfiguration processing, ProjectionSync sync, Clock clock) {
        this.processing = processing;
        this.sync = sync;
        this.clock = clock;
    }

    @Operation(summary = "Every projection: position, total, whether it is being rebuilt and at what pace")
    @GetMapping
    List<ProjectionStatus> status() {
        long total = sync.head();
        return PROJECTIONS.stream().map(name -> status(name, total)).toList();
    }

    @Operation(summary = "Rebuild one projection from the event store; follow it on GET /api/v1/admin/projections")
    @PostMapping("/{name}/replay")
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        StreamingEventProcessor processor = processor(name);
        processor.shutDown();
        processor.resetTokens();
        replays.put(name, new Replay(clock.instant(), null, 0));
        processor.start();
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(status(name, sync.head()));
    }

    private ProjectionStatus status(String name, long total) {
        StreamingEventProcessor processor = processor(name);
        long position = sync.position(processor);
        // Axon keeps a segment in replay mode until an event newer than the reset arrives; caught up is done.
        boolean replaying = position < total
                && processor.processingStatus().values().stream().anyMatch(EventTrackerStatus::isReplaying);
        Replay replay = replays.get(name);
        if (replay == null) {
            return new ProjectionStatus(name, replaying, position, total, null, null);
        }
        if (replay.finishedAt() == null && !replaying && position >= total) {
            replay = new Replay(replay.startedAt(), clock.instant(), Math.max(position + 1, 0));
            replays.put(name, replay);
        }
        Instant until = replay.finishedAt() == null ? clock.instant() : replay.finishedAt();
        long processed = replay.finishedAt() == null ? Math.max(position + 1, 0) : replay.events();
        double seconds = Math.max(Duration.between(replay.startedAt(), until).toMillis(), 1) / 1000.0;
        return new ProjectionStatus(
                name, replaying, position, total, replay.startedAt(), Math.round(processed / seconds * 10) / 10.0);
    }

    private StreamingEventProcessor processor(String name) {
        if (!PROJECTIONS.contains(name)) {
            throw new UnknownProjection(name);
        }
        return processing
                .eventProcessor(name, StreamingEventProcessor.class)
                .orElseThrow(() -> new UnknownProjection(name));
    }
}
