package io.consentledger.api.consent;

import io.consentledger.api.contact.ConfirmationTrigger;
import java.time.Instant;

/**
 * Who changed what for a contact, when, through which channel and from which source; for what the person did through a
 * profile link a staff member issued, that staff member ({@code linkIssuedBy}) and their roles ({@code linkIssuerRole},
 * {@code UNKNOWN} for a link of unknown origin). The ledger stores the change as a code with its parameters;
 * {@code detail} says what the parameters mean in the reader's language (the request's {@code Accept-Language}).
 *
 * @param reason what a person wrote: why a consent was withdrawn or a legal basis ended, a documented basis's note
 * @param confirmBy how a consent waiting for confirmation is to be confirmed
 * @param confirmationLapsesAt when a consent waiting for confirmation lapses unless confirmed
 * @param emailTrigger why a confirmation email was requested
 * @param attempt which attempt at a confirmation email was sent or failed
 * @param errorKind why an attempt failed, e.g. {@code connection}, {@code consent-lapsed}
 * @param nextAttemptAt when the next attempt is due; {@code null} after a failed attempt that was the last
 * @param detail the parameters in words, e.g. "Attempt 1 failed (connection); next attempt at …"; {@code null} when
 *     there are none
 */
public record HistoryEntry(
        long sequence,
        Instant recordedAt,
        Instant capturedAt,
        String actor,
        String channel,
        String change,
        String purposeId,
        Integer purposeVersion,
        LegalBasis legalBasis,
        String sourceId,
        String sourceDetail,
        String reason,
        ConfirmBy confirmBy,
        Instant confirmationLapsesAt,
        ConfirmationTrigger emailTrigger,
        Integer attempt,
        String errorKind,
        Instant nextAttemptAt,
        String linkIssuedBy,
        String linkIssuerRole,
        String detail) {

    /** The same entry with its parameters in words. */
    public HistoryEntry withDetail(String detail) {
        return new HistoryEntry(
                sequence,
                recordedAt,
                capturedAt,
                actor,
                channel,
                change,
                purposeId,
                purposeVersion,
                legalBasis,
                sourceId,
                sourceDetail,
                reason,
                confirmBy,
                confirmationLapsesAt,
                emailTrigger,
                attempt,
                errorKind,
                nextAttemptAt,
                linkIssuedBy,
                linkIssuerRole,
                detail);
    }
}
