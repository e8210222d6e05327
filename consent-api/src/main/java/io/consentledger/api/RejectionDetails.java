package io.consentledger.api;

/**
 * What travels with a rejected command across the command bus: the kind, a human-readable detail and,
 * where one field of the request is to blame, its name.
 */
public record RejectionDetails(RejectionKind kind, String detail, String field) {}
