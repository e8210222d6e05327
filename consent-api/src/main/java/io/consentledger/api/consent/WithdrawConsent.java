package io.consentledger.api.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that a contact withdrew a consent given earlier (GDPR Art. 7(3)). */
public record WithdrawConsent(
        @TargetAggregateIdentifier String contactId, String purposeId, String sourceId, String reason) {}
