package io.consentledger.api.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The person confirms a consent that waits for their confirmation, by following the link they were sent. */
public record ConfirmConsent(@TargetAggregateIdentifier String contactId, String purposeId, String confirmationId) {}
