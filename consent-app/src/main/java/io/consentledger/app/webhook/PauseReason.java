package io.consentledger.app.webhook;

/** Why a webhook subscriber is paused; stored as a code and rendered in the reader's language. */
public enum PauseReason {
    /** An admin paused it. */
    PAUSED_BY_ADMIN,
    /** Its receiver failed for longer than {@code consent.webhooks.pause-after}. */
    RECEIVER_FAILING
}
