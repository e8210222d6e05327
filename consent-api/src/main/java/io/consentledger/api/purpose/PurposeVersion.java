package io.consentledger.api.purpose;

import java.time.Instant;

/** One version of a purpose: the terms it had from {@code validFrom} until the next version. */
public record PurposeVersion(String purposeId, int version, PurposeTerms terms, Instant validFrom) {}
