package io.consentledger.api.purpose;

import org.axonframework.serialization.Revision;

/** A purpose was defined; it starts at version 1. */
@Revision("1")
public record PurposeDefined(String purposeId, int version, PurposeTerms terms) {}
