package io.consentledger.api.contact;

/** Asks for a registered contact's details. */
public record FindContact(String contactId) {}
