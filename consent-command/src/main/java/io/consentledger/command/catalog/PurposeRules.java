package io.consentledger.command.catalog;

import io.consentledger.api.consent.LegalBasis;

/** What the command side must know of a purpose to accept or refuse a command. */
public record PurposeRules(
        String purposeId,
        String name,
        int version,
        boolean active,
        boolean requiresConsent,
        boolean doubleOptIn,
        boolean sendConfirmation,
        LegalBasis defaultLegalBasis) {}
