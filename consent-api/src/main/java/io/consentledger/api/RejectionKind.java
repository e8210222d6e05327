package io.consentledger.api;

/** Every kind of rejection the ledger can give, with its stable problem type slug and HTTP status. */
public enum RejectionKind {
    INVALID_REQUEST("invalid-request", 400),
    UNKNOWN_CONTACT("unknown-contact", 404),
    UNKNOWN_PURPOSE("unknown-purpose", 404),
    UNKNOWN_SOURCE("unknown-source", 404),
    UNKNOWN_PROJECTION("unknown-projection", 404),
    UNKNOWN_ERASURE_JOB("unknown-erasure-job", 404),
    UNKNOWN_WEBHOOK("unknown-webhook", 404),
    UNKNOWN_IMPORT("unknown-import", 404),
    INVALID_IMPORT_FILE("invalid-import-file", 400),
    CONTACT_ALREADY_REGISTERED("contact-already-registered", 409),
    CONTACT_ERASED("contact-erased", 409),
    PURPOSE_ALREADY_DEFINED("purpose-already-defined", 409),
    SOURCE_ALREADY_DEFINED("source-already-defined", 409),
    PURPOSE_RETIRED("purpose-retired", 409),
    SOURCE_RETIRED("source-retired", 409),
    SOURCE_BUILT_IN("source-built-in", 409),
    CONSENT_REQUIRED("consent-required", 409),
    CONSENT_NOT_GRANTED("consent-not-granted", 409),
    CONSENT_ALREADY_GRANTED("consent-already-granted", 409),
    CONFIRMATION_NOT_PENDING("confirmation-not-pending", 409),
    LEGAL_BASIS_NOT_IN_FORCE("legal-basis-not-in-force", 409),
    CONCURRENT_MODIFICATION("concurrent-modification", 409),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422),
    WEBHOOK_URL_REFUSED("webhook-url-refused", 422),
    PROJECTION_LAGGING("projection-lagging", 503),
    TOO_MANY_WAITING_READERS("too-many-waiting-readers", 503);

    private final String slug;
    private final int status;

    RejectionKind(String slug, int status) {
        this.slug = slug;
        this.status = status;
    }

    /** The last segment of the problem type URI, stable across releases. */
    public String slug() {
        return slug;
    }

    /** The HTTP status code this kind of rejection is answered with. */
    public int status() {
        return status;
    }
}
