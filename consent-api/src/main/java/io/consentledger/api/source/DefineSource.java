package io.consentledger.api.source;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Defines a source personal data can come from, under a slug id; {@code sendConfirmation} says whether a contact
 * registered from it gets a confirmation email (Art. 13/14), and {@code confirmationTemplate} which email template it
 * gets (none: the standard one).
 */
public record DefineSource(
        @TargetAggregateIdentifier String sourceId,
        String name,
        String description,
        boolean sendConfirmation,
        String confirmationTemplate) {}
