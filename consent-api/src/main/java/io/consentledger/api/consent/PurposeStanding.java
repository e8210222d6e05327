package io.consentledger.api.consent;

import java.time.Instant;

/**
 * Where one contact stands for one purpose, and who recorded it when; {@code confirmationLapsesAt} is set while a
 * consent waits for the person's confirmation.
 */
public record PurposeStanding(
        String purposeId,
        String purposeName,
        Integer purposeVersion,
        LegalBasis legalBasis,
        StandingStatus status,
        Instant since,
        String sourceId,
        String recordedBy,
        Instant validUntil,
        Instant confirmationLapsesAt) {}
