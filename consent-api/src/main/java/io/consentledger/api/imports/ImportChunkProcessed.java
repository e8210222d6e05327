package io.consentledger.api.imports;

import org.axonframework.serialization.Revision;

/** One chunk of an import's rows was processed, up to and including row {@code lastRow}; more rows wait. */
@Revision("1")
public record ImportChunkProcessed(String importId, int chunk, long lastRow) {}
