package io.consentledger.query.projection;

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
        String name,
        boolean replaying,
        long position,
        long total,
        Instant replayStartedAt,
        Double eventsPerSecond,
        long deadLetters) {}
