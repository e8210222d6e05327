package io.consentledger.api.contact;

import io.consentledger.api.consent.LegalBasis;

/** One purpose as a confirmation email tells it: its name and version, and the legal basis in force. */
public record PurposeNotice(String purposeId, String purposeName, int purposeVersion, LegalBasis legalBasis) {}
