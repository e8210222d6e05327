package io.consentledger.api.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a legal basis other than consent for processing a contact's data for a purpose. */
public record DocumentLegalBasis(
        @TargetAggregateIdentifier String contactId,
        String purposeId,
        LegalBasis legalBasis,
        String sourceId,
        String note) {}
