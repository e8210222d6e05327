package io.consentledger.api.imports;

import org.axonframework.serialization.Revision;

/** An import was received in full; its staged rows are processed chunk by chunk from here. */
@Revision("1")
public record ImportStarted(String importId, int total, int staged) {}
