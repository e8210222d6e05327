package io.consentledger.api.imports;

/**
 * What importing one row did: {@code IMPORTED} (something was recorded), {@code SKIPPED} (the ledger held it all
 * already) or {@code REFUSED}, with the field to blame (or {@code null}), the problem type slug and a reason that holds
 * no value of the row.
 */
public record ImportOutcome(Result result, String field, String kind, String reason) {

    /** The three ways a row can end. */
    public enum Result {
        IMPORTED,
        SKIPPED,
        REFUSED
    }

    public static final ImportOutcome IMPORTED = new ImportOutcome(Result.IMPORTED, null, null, null);
    public static final ImportOutcome SKIPPED = new ImportOutcome(Result.SKIPPED, null, null, null);

    public static ImportOutcome refused(String field, String kind, String reason) {
        return new ImportOutcome(Result.REFUSED, field, kind, reason);
    }
}
