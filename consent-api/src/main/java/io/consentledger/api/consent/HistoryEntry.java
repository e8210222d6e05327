package io.consentledger.api.consent;

import java.time.Instant;

/** Who changed what for a contact, when, through which channel and from which source. */
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
        String reason) {}
