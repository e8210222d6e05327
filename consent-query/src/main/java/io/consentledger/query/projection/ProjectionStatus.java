package io.consentledger.query.projection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * Where a projection stands.
 *
 * @param name its processing group
 * @param replaying whether it is being rebuilt from the event store
 * @param position how far in the event store it has processed (-1: nothing yet)
 * @param total the position of the newest event in the store
 * @param replayStartedAt when its last rebuild began, if one did since this node started
 * @param eventsPerSecond the pace of the running rebuild, or of the last one when it has finished
 * @param deadLetters events it could not process, waiting in its dead-letter queue (each holds back its contact)
 */
public record ProjectionStatus(
        @Schema(description = "The projection (its processing group)", example = "legal-basis")
        String name,

        @Schema(description = "Whether it is being rebuilt from the event store", example = "false")
        boolean replaying,

        @Schema(description = "How far in the event store it has processed; -1 for nothing yet", example = "41250")
        long position,

        @Schema(description = "The position of the newest event in the store", example = "41250")
        long total,

        @Schema(
                description = "When its last rebuild began, if one did since this node started",
                example = "2026-03-01T12:00:00Z")
        Instant replayStartedAt,

        @Schema(description = "The pace of the running rebuild, or of the last one", example = "1850.5")
        Double eventsPerSecond,

        @Schema(description = "Events it could not process, waiting in its dead-letter queue", example = "0")
        long deadLetters) {}
