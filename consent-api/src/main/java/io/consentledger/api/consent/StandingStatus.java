package io.consentledger.api.consent;

/**
 * Where a contact stands for one purpose. {@code GRANTED} means the recorded legal basis is in force (for consent:
 * given, confirmed where confirmation was asked for, and not withdrawn).
 */
public enum StandingStatus {
    GRANTED,
    /** Consent was given but waits for the person's confirmation (double opt-in); it does not count yet. */
    PENDING_CONFIRMATION,
    /** Consent waited for confirmation in vain and lapsed; it never counted. */
    LAPSED,
    WITHDRAWN,
    EXPIRED,
    ENDED,
    NOT_RECORDED,
    /** The contact's personal data was erased: what was recorded stays as proof, but nothing is allowed. */
    ERASED
}
