package io.consentledger.api.consent;

/**
 * Where a contact stands for one purpose. {@code GRANTED} means the recorded legal basis is in force (for consent:
 * given and not withdrawn).
 */
public enum ConsentStatus {
    GRANTED,
    WITHDRAWN,
    EXPIRED,
    ENDED,
    NOT_RECORDED
}
