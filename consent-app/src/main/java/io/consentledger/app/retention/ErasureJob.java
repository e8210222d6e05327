package io.consentledger.app.retention;

import java.time.Instant;
import java.util.List;

/**
 * A bulk erasure as its requester follows it.
 *
 * @param jobId its id
 * @param requestedBy who asked for it; the actor of every erasure it records
 * @param state {@code RUNNING} or {@code FINISHED}
 * @param total how many contacts it erases
 * @param processed how many it has handled so far
 * @param erased how many erasures are recorded (an erasure of a contact already erased changes nothing and counts)
 * @param failed how many were refused or failed; their ids and problems are in {@code failures} (the first 100)
 */
public record ErasureJob(
        String jobId,
        String requestedBy,
        String state,
        int total,
        int processed,
        int erased,
        int failed,
        Instant startedAt,
        Instant finishedAt,
        List<Failure> failures) {

    /** One contact the job could not erase, and why. */
    public record Failure(String contactId, String problem) {}
}
