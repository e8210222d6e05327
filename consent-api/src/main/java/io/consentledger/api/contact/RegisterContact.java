package io.consentledger.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Registers a contact under the CRM's id, with where its details came from; {@code locale} (e.g. {@code da}) is the
 * language to write to the contact in, or {@code null} for the configured default.
 */
public record RegisterContact(
        @TargetAggregateIdentifier String contactId,
        String name,
        String email,
        String sourceId,
        String sourceDetail,
        String locale) {}
