package io.consentledger.api.purpose;

import io.consentledger.api.consent.LegalBasis;
import java.time.Instant;
import java.time.Period;

/** A purpose as admins and integrators see it, in its current version. */
public record PurposeView(
        String purposeId,
        int version,
        String name,
        String description,
        String consentText,
        String privacyNoticeUrl,
        boolean requiresConsent,
        boolean doubleOptIn,
        boolean sendConfirmation,
        LegalBasis defaultLegalBasis,
        Period retention,
        boolean active,
        Instant definedAt,
        Instant changedAt) {}
