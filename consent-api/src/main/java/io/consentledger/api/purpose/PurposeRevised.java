package io.consentledger.api.purpose;

import org.axonframework.serialization.Revision;

/** A purpose got new terms under a new version number. */
@Revision("1")
public record PurposeRevised(String purposeId, int version, PurposeTerms terms) {}
