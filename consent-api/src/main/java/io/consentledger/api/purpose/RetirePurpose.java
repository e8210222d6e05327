package io.consentledger.api.purpose;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Retires a purpose: no new consents or legal bases can be recorded for it. */
public record RetirePurpose(@TargetAggregateIdentifier String purposeId, String reason) {}
