package io.consentledger.app.web;

import io.consentledger.api.RejectionKind;
import java.net.URI;

/** The stable {@code type} URIs of the problems the API answers with; listed in docs/api.md. */
public final class ProblemTypes {

    public static final String BASE = "urn:consent-ledger:problem:";

    public static final URI MALFORMED_REQUEST = URI.create(BASE + "malformed-request");
    public static final URI PAYLOAD_TOO_LARGE = URI.create(BASE + "payload-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create(BASE + "unsupported-media-type");
    public static final URI NOT_ACCEPTABLE = URI.create(BASE + "not-acceptable");
    public static final URI METHOD_NOT_ALLOWED = URI.create(BASE + "method-not-allowed");
    public static final URI NOT_FOUND = URI.create(BASE + "not-found");
    public static final URI UNAUTHORIZED = URI.create(BASE + "unauthorized");
    public static final URI FORBIDDEN = URI.create(BASE + "forbidden");
    public static final URI INTERNAL_ERROR = URI.create(BASE + "internal-error");
    public static final URI ERASURE_NOT_JOURNALED = URI.create(BASE + "erasure-not-journaled");

    private ProblemTypes() {}

    public static URI of(RejectionKind kind) {
        return URI.create(BASE + kind.slug());
    }
}
