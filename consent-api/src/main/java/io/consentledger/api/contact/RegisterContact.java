package io.consentledger.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Registers a contact under the CRM's id, with where its details came from. */
public record RegisterContact(
        @TargetAggregateIdentifier String contactId, String name, String email, String sourceId, String sourceDetail) {}
