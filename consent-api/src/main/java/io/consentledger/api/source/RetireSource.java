package io.consentledger.api.source;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Retires a source: nothing new can be recorded from it. */
public record RetireSource(@TargetAggregateIdentifier String sourceId) {}
