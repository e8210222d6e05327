package io.consentledger.api.contact;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Erases a contact's personal data for good (GDPR Art. 17), keeping the proof of their consents and legal bases. */
public record EraseContact(@TargetAggregateIdentifier String contactId) {}
