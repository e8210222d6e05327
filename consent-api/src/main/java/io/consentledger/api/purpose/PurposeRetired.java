package io.consentledger.api.purpose;

import org.axonframework.serialization.Revision;

/** A purpose was retired. */
@Revision("1")
public record PurposeRetired(String purposeId, int version, String reason) {}
