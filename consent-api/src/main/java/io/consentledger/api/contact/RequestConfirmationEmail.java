package io.consentledger.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Asks for the confirmation email to be sent (again) to a registered contact. */
public record RequestConfirmationEmail(
        @TargetAggregateIdentifier String contactId) {}
