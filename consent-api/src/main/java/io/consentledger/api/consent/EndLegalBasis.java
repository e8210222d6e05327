package io.consentledger.api.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Ends a documented legal basis, e.g. when a contract ends or the contact objects (GDPR Art. 21). */
public record EndLegalBasis(@TargetAggregateIdentifier String contactId, String purposeId, String reason) {}
