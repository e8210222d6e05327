package io.consentledger.api.purpose;

import io.consentledger.api.consent.LegalBasis;
import java.time.Period;

/**
 * What a purpose says: its name, the wording a person agrees to, whether it needs consent, and how long data may be
 * kept. {@code defaultLegalBasis} is recorded for every newly registered contact when set.
 */
public record PurposeTerms(
        String name,
        String description,
        String consentText,
        String privacyNoticeUrl,
        boolean requiresConsent,
        boolean doubleOptIn,
        LegalBasis defaultLegalBasis,
        Period retention) {}
