package io.consentledger.api.source;

import org.axonframework.serialization.Revision;

/** A source was retired. */
@Revision("1")
public record SourceRetired(String sourceId) {}
