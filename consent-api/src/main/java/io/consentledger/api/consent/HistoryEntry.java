package io.consentledger.api.consent;

import io.consentledger.api.contact.ConfirmationTrigger;
import io.swagger.v3.oas.annotations.media.Schema;
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
        @Schema(description = "The change's place in the contact's ledger, from 0", example = "3")
        long sequence,

        @Schema(description = "When the ledger recorded it (record time)", example = "2026-03-01T12:00:01.250Z")
        Instant recordedAt,

        @Schema(
                description = "When it happened in the world, as the sender said (valid time)",
                example = "2026-03-01T12:00:00Z")
        Instant capturedAt,

        @Schema(
                description = "Who recorded it: a user name, system, or the contact on their own pages",
                example = "crm-integration")
        String actor,

        @Schema(
                description =
                        "Through which door: api, ui (the back office), self-service (the profile and confirmation pages), import or system",
                example = "api")
        String channel,

        @Schema(description = "What changed, as a code (see the glossary)", example = "CONSENT_GRANTED")
        String change,

        @Schema(description = "The purpose it concerns, if any", example = "e-marketing")
        String purposeId,

        @Schema(description = "The version of the purpose's terms it was recorded under", example = "2")
        Integer purposeVersion,

        @Schema(description = "The legal basis it concerns, if any")
        LegalBasis legalBasis,

        @Schema(description = "Where the data or the change came from", example = "web-form")
        String sourceId,

        @Schema(
                description = "What pins the source down, as typed; null once the contact is erased",
                example = "Newsletter box on the front page")
        String sourceDetail,

        @Schema(
                description =
                        "What a person wrote: why a consent was withdrawn or a legal basis ended, a note; null once erased",
                example = "Clicked the unsubscribe link")
        String reason,

        @Schema(description = "How a consent waiting for confirmation is to be confirmed")
        ConfirmBy confirmBy,

        @Schema(
                description = "When a consent waiting for confirmation lapses unless confirmed",
                example = "2026-03-08T12:00:00Z")
        Instant confirmationLapsesAt,

        @Schema(description = "Why a confirmation email was requested")
        ConfirmationTrigger emailTrigger,

        @Schema(description = "Which attempt at a confirmation email was sent or failed", example = "1")
        Integer attempt,

        @Schema(description = "Why an attempt failed", example = "connection")
        String errorKind,

        @Schema(
                description = "When the next attempt is due; null after the last failed attempt",
                example = "2026-03-01T12:05:00Z")
        Instant nextAttemptAt,

        @Schema(
                description = "For a change made through a profile link: the staff member who issued the link",
                example = "alice")
        String linkIssuedBy,

        @Schema(
                description = "Their roles when they issued it; UNKNOWN for a link of unknown origin",
                example = "INTEGRATOR")
        String linkIssuerRole,

        @Schema(
                description =
                        "The parameters in words, in the request's Accept-Language (en, da); null when there are none",
                example = "Attempt 1 failed (connection); next attempt at 2026-03-01 12:05 UTC")
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
