package io.consentledger.query.export;

import io.consentledger.api.consent.ConsentStatus;
import io.consentledger.api.consent.LegalBasis;
import java.time.Instant;

/** One purpose in an export: what it is for, and where the contact stands. */
public record PurposeStanding(
        String purposeId,
        String name,
        String description,
        Integer purposeVersion,
        LegalBasis legalBasis,
        ConsentStatus status,
        Instant since,
        String sourceId,
        String recordedBy,
        Instant validUntil) {}
