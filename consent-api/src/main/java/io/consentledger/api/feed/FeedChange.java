package io.consentledger.api.feed;

import io.consentledger.api.FieldRules;
import io.consentledger.api.consent.Change;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * One change to where a contact stands for a purpose (or their erasure), as the change feed, webhooks and the broker
 * carry it: ids and codes only, never personal data.
 *
 * @param position the event's global position in the event store; strictly increasing along the feed
 * @param purposeId {@code null} for an erasure
 * @param status where the contact stands for the purpose right after this change, as recorded ({@code ERASED} for an
 *     erasure); a consent past its {@code validUntil} expires without a change
 * @param validUntil when a granted consent expires; on {@code CONSENT_CONFIRMED} {@code null}: the validity is the one
 *     of the {@code CONSENT_CONFIRMATION_REQUESTED} change it confirms
 * @param occurredAt valid time: when it happened in the world (a consent's {@code capturedAt}), else when it was
 *     recorded
 * @param recordedAt record time: when the ledger stored it
 */
public record FeedChange(
        @Schema(
                description = "The event's global position in the event store; the cursor to page with (after)",
                example = "4711")
        long position,

        @Schema(
                description = "The contact whose standing changed",
                example = "crm-4711",
                pattern = FieldRules.CONTACT_ID)
        String contactId,

        @Schema(description = "The purpose it concerns; null for an erasure", example = "e-marketing", nullable = true)
        String purposeId,

        @Schema(description = "What changed, as a code (see the glossary)", example = "CONSENT_WITHDRAWN")
        Change change,

        @Schema(
                description =
                        "Where the contact stands for the purpose right after this change (ERASED for an erasure);"
                                + " a consent past validUntil expires without a change",
                example = "WITHDRAWN")
        StandingStatus status,

        @Schema(description = "The legal basis it concerns; null for an erasure", example = "CONSENT", nullable = true)
        LegalBasis legalBasis,

        @Schema(
                description = "The version of the purpose's terms it was recorded under; null for an erasure",
                example = "2",
                nullable = true)
        Integer purposeVersion,

        @Schema(
                description = "Where the change came from, where the change names one",
                example = "web-form",
                nullable = true)
        String sourceId,

        @Schema(
                description = "When a granted consent expires, where it was given with a validity; on CONSENT_CONFIRMED"
                        + " null: the validity is that of the confirmation request it confirms",
                example = "2027-03-01T00:00:00Z",
                nullable = true)
        Instant validUntil,

        @Schema(
                description =
                        "Who recorded it: a user name, system, or data-subject for the contact on their own pages",
                example = "crm-integration",
                nullable = true)
        String actor,

        @Schema(
                description = "Through which door: api, ui, self-service, import or system",
                example = "api",
                nullable = true)
        String channel,

        @Schema(
                description = "When it happened in the world (valid time): a consent's capturedAt, else recordedAt",
                example = "2026-03-01T12:00:00Z")
        Instant occurredAt,

        @Schema(description = "When the ledger recorded it (record time)", example = "2026-03-01T12:00:01.250Z")
        Instant recordedAt) {}
