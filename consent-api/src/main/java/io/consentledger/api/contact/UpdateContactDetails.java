package io.consentledger.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Replaces a registered contact's name and email. */
public record UpdateContactDetails(
        @TargetAggregateIdentifier String contactId, String name, String email) {}
