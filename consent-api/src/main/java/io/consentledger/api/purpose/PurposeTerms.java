package io.consentledger.api.purpose;

import io.consentledger.api.consent.LegalBasis;
import java.time.Period;

/**
 * What a purpose says: its name, the wording a person agrees to, whether it needs consent, and how long data may be
 * kept. {@code defaultLegalBasis} is recorded for every newly registered contact when set; with
 * {@code sendConfirmation} a new consent to the purpose triggers a confirmation email (when its source sends them).
 */
public record PurposeTerms(
        String name,
        String description,
        String consentText,
        String privacyNoticeUrl,
        boolean requiresConsent,
        boolean doubleOptIn,
        boolean sendConfirmation,
        LegalBasis defaultLegalBasis,
        Period retention) {}
