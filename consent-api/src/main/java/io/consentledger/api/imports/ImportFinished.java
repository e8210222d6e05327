package io.consentledger.api.imports;

import org.axonframework.serialization.Revision;

/** Every row of an import was processed, in {@code chunks} chunks. */
@Revision("1")
public record ImportFinished(String importId, int chunks) {}
