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
    public static final URI OUTCOME_UNKNOWN = URI.create(BASE + "outcome-unknown");
    public static final URI ERASURE_NOT_JOURNALED = URI.create(BASE + "erasure-not-journaled");

    private ProblemTypes() {}

    public static URI of(RejectionKind kind) {
        return URI.create(BASE + kind.slug());
    }

    /**
     * The type of a refusal known only by its status (from Tomcat, the security firewall or Spring MVC): a 400 of a
     * request that cannot even be read is {@link #MALFORMED_REQUEST}, one that can is {@code invalid-request}.
     */
    public static URI forStatus(int status) {
        return switch (status) {
            case 400 -> of(RejectionKind.INVALID_REQUEST);
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 && status != 505 ? INTERNAL_ERROR : MALFORMED_REQUEST;
        };
    }

    /** The request's path as a problem's {@code instance}, or none when it is not a valid URI reference. */
    public static URI instance(String requestUri) {
        if (requestUri == null) {
            return null;
        }
        try {
            return URI.create(requestUri);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
