package io.consentledger.api.consent;

import java.time.Instant;

/** Where one contact stands for one purpose, and who recorded it when. */
public record PurposeBasis(
        String purposeId,
        String purposeName,
        Integer purposeVersion,
        LegalBasis legalBasis,
        ConsentStatus status,
        Instant since,
        String sourceId,
        String recordedBy,
        Instant validUntil) {}
