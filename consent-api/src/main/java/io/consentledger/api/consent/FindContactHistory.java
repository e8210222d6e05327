package io.consentledger.api.consent;

/** Asks for one page of a contact's history, oldest change first. */
public record FindContactHistory(String contactId, int page, int size) {}
