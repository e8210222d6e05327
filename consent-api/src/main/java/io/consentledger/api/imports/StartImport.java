package io.consentledger.api.imports;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Starts an import whose {@code total} rows are received and staged; {@code staged} of them wait to be processed. */
public record StartImport(@TargetAggregateIdentifier String importId, int total, int staged) {}
