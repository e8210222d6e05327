package io.consentledger.api.contact;

/** Why a confirmation email was asked for. */
public enum ConfirmationTrigger {
    /** The contact was registered from a source that sends confirmations. */
    REGISTERED,
    /** An admin asked for it to be sent again. */
    RESEND,
    /** Consent was given to a purpose that sends confirmations, from a source that does. */
    CONSENT_GIVEN,
    /** Consent was given that counts only once the person confirms it (double opt-in). */
    CONSENT_TO_CONFIRM
}
