package io.consentledger.api.consent;

import java.time.Instant;

/**
 * Who changed what for a contact, when, through which channel and from which source; for what the person did through a
 * profile link a staff member issued, that staff member ({@code linkIssuedBy}) and their roles ({@code linkIssuerRole},
 * {@code UNKNOWN} for a link of unknown origin).
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
        String linkIssuedBy,
        String linkIssuerRole) {}
