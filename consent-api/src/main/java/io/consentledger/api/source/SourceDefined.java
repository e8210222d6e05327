package io.consentledger.api.source;

import org.axonframework.serialization.Revision;

/** A source was defined. */
@Revision("1")
public record SourceDefined(String sourceId, String name, String description) {}
