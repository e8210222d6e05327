package io.consentledger.app.retention;

import java.time.Instant;
import java.util.List;

/**
 * A bulk erasure as its requester follows it, from any node.
 *
 * @param jobId its id
 * @param requestedBy who asked for it; the actor of every erasure it records
 * @param allOverdue whether it erases every contact whose retention had run out when it was asked for, rather than the
 *     contacts named
 * @param state {@code QUEUED} (behind another job on its node), {@code RUNNING}, {@code FINISHED}, or
 *     {@code INTERRUPTED}: its node stopped before it finished (erasure is idempotent, so asking again finishes it)
 * @param total how many contacts it erases
 * @param processed how many it has handled so far (written every few seconds while it runs)
 * @param erased how many erasures are recorded (an erasure of a contact already erased changes nothing and counts)
 * @param failed how many were refused or failed; their ids and problems are in {@code failures} (the first 100)
 * @param startedAt when it was asked for
 * @param finishedAt when it finished or was found interrupted
 * @param failures the first 100 contacts it could not erase
 */
public record ErasureJob(
        String jobId,
        String requestedBy,
        boolean allOverdue,
        String state,
        int total,
        int processed,
        int erased,
        int failed,
        Instant startedAt,
        Instant finishedAt,
        List<Failure> failures) {

    /** One contact the job could not erase, and why (a problem type slug, such as {@code unknown-contact}). */
    public record Failure(String contactId, String problem) {}
}
