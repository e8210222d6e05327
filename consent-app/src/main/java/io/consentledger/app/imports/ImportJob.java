package io.consentledger.app.imports;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * An import as its caller follows it, from any node.
 *
 * @param importId its id, as in the Location of the 202
 * @param dryRun whether it only validated the file; a dry run records nothing in the ledger
 * @param sendConfirmation whether imported contacts get the confirmation email their source and purpose ask for
 * @param state {@code RECEIVED} (waiting for a node to process it), {@code RUNNING}, or {@code FINISHED}
 * @param total the rows of the file
 * @param processed the rows handled so far (refused ones included)
 * @param imported rows that recorded something (in a dry run: rows that pass every check)
 * @param skipped rows the ledger held already in full: nothing recorded
 * @param failed rows refused; every one is in {@code errors.csv}
 * @param receivedAt when the whole file was received
 * @param finishedAt when the last row was processed
 * @param errors the first refused rows
 */
@Schema(description = "A bulk import: its state, counts and first refused rows")
public record ImportJob(
        @Schema(example = "4b1f0c5e-8a52-4a59-9c2e-1f9c0d3a7e21")
        String importId,

        @Schema(description = "Only validated; nothing recorded in the ledger")
        boolean dryRun,

        @Schema(description = "Whether imported rows get confirmation emails")
        boolean sendConfirmation,

        @Schema(description = "RECEIVED, RUNNING or FINISHED", example = "RUNNING")
        String state,

        @Schema(description = "Rows in the file", example = "1000")
        long total,

        @Schema(description = "Rows handled so far, refused ones included", example = "500")
        long processed,

        @Schema(description = "Rows that recorded something (dry run: rows that pass every check)", example = "480")
        long imported,

        @Schema(description = "Rows the ledger held already: nothing recorded", example = "15")
        long skipped,

        @Schema(description = "Rows refused; all of them are in errors.csv", example = "5")
        long failed,

        Instant receivedAt,
        Instant finishedAt,

        @Schema(description = "The first refused rows (all of them: GET .../errors.csv)")
        List<RowError> errors) {

    /** A refused row: its number, the field to blame, the problem type and why, never the value. */
    @Schema(description = "A refused row; its value is never repeated")
    public record RowError(
            @Schema(description = "The row's number: the n-th row after the CSV header, or the n-th NDJSON line")
            long row,

            @Schema(description = "The field to blame, when one is", example = "email")
            String field,

            @Schema(description = "The problem type slug", example = "invalid-request")
            String type,

            @Schema(description = "Why, without the value", example = "must be a well-formed email address")
            String reason) {}
}
