package io.consentledger.api.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that chunk {@code chunk} of an import, up to and including row {@code lastRow}, is processed; with {@code
 * last} it was the import's last chunk.
 */
public record RecordImportChunk(@TargetAggregateIdentifier String importId, int chunk, long lastRow, boolean last) {}
