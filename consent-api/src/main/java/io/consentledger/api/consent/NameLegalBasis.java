package io.consentledger.api.consent;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Gives a legal basis the name people see in the back office and on the contact card (ADMIN). */
public record NameLegalBasis(@TargetAggregateIdentifier LegalBasis legalBasis, String name) {}
