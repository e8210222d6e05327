package io.consentledger.api.contact;

/** Why a confirmation email was asked for. */
public enum ConfirmationTrigger {
    /** The contact was registered from a source that sends confirmations. */
    REGISTERED,
    /** An admin asked for it to be sent again. */
    RESEND
}
