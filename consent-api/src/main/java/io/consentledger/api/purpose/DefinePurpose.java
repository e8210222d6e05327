package io.consentledger.api.purpose;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Defines a new purpose of processing under a slug id. */
public record DefinePurpose(@TargetAggregateIdentifier String purposeId, PurposeTerms terms) {}
