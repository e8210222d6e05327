package io.consentledger.api.consent;

import java.time.Instant;

/**
 * Where one contact stands for one purpose, and who recorded it when; {@code confirmationLapsesAt} is set while a
 * consent waits for the person's confirmation.
 */
public record PurposeBasis(
        String purposeId,
        String purposeName,
        Integer purposeVersion,
        LegalBasis legalBasis,
        ConsentStatus status,
        Instant since,
        String sourceId,
        String recordedBy,
        Instant validUntil,
        Instant confirmationLapsesAt) {}
