package io.consentledger.api.consent;

/**
 * What a history entry records ({@link HistoryEntry#change()} holds its name), in the order a contact's ledger usually
 * meets them.
 */
public enum Change {
    CONTACT_REGISTERED,
    CONTACT_DETAILS_UPDATED,
    CONSENT_GRANTED,
    CONSENT_CONFIRMATION_REQUESTED,
    CONSENT_CONFIRMED,
    CONSENT_LAPSED,
    CONSENT_WITHDRAWN,
    LEGAL_BASIS_DOCUMENTED,
    LEGAL_BASIS_ENDED,
    CONFIRMATION_EMAIL_REQUESTED,
    CONFIRMATION_EMAIL_SENT,
    CONFIRMATION_EMAIL_FAILED,
    CONTACT_ERASED
}
