package io.consentledger.query.export;

import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import java.time.Instant;

/** One purpose in an export: what it is for, and where the contact stands. */
public record ExportedStanding(
        String purposeId,
        String name,
        String description,
        Integer purposeVersion,
        LegalBasis legalBasis,
        StandingStatus status,
        Instant since,
        String sourceId,
        String recordedBy,
        Instant validUntil) {}
