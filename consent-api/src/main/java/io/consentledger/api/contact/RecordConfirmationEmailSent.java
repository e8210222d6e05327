package io.consentledger.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records that the mail server accepted a confirmation email. */
public record RecordConfirmationEmailSent(
        @TargetAggregateIdentifier String contactId, String requestId, int attempt) {}
