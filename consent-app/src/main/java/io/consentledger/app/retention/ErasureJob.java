package io.consentledger.app.retention;

import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(
                description = "The job's id, as in the Location of the 202",
                example = "4b1f0c5e-8a52-4a59-9c2e-1f9c0d3a7e21")
        String jobId,

        @Schema(description = "Who asked for it; the actor of every erasure it records", example = "admin")
        String requestedBy,

        @Schema(
                description =
                        "Whether it erases every contact whose retention had run out, rather than the contacts named",
                example = "false")
        boolean allOverdue,

        @Schema(
                description = "QUEUED, RUNNING, FINISHED, or INTERRUPTED (its node stopped; asking again finishes it)",
                example = "RUNNING")
        String state,

        @Schema(description = "How many contacts it erases", example = "250")
        int total,

        @Schema(description = "How many it has handled so far", example = "120")
        int processed,

        @Schema(description = "How many erasures are recorded", example = "119")
        int erased,

        @Schema(description = "How many were refused or failed", example = "1")
        int failed,

        @Schema(description = "When it was asked for", example = "2026-03-01T12:00:00Z")
        Instant startedAt,

        @Schema(description = "When it finished or was found interrupted", example = "2026-03-01T12:01:30Z")
        Instant finishedAt,

        @Schema(description = "The first 100 contacts it could not erase, and why")
        List<Failure> failures) {

    /** One contact the job could not erase, and why (a problem type slug, such as {@code unknown-contact}). */
    public record Failure(
            @Schema(description = "A contact the job could not erase", example = "crm-4712")
            String contactId,

            @Schema(description = "Why: the problem type slug", example = "unknown-contact")
            String problem) {}
}
