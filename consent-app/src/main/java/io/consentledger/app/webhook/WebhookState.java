package io.consentledger.app.webhook;

/** Whether a webhook subscriber is delivered to. */
public enum WebhookState {
    /** Its processor runs on every node; the node holding its token's claim delivers. */
    ACTIVE,
    /** Stopped everywhere, its cursor kept: by an admin, or because the receiver failed for too long. */
    PAUSED
}
