package io.consentledger.api.source;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Defines a source personal data can come from, under a slug id. */
public record DefineSource(@TargetAggregateIdentifier String sourceId, String name, String description) {}
