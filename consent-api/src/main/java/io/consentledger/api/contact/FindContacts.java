package io.consentledger.api.contact;

/** Asks for the contacts whose id, name or email contains the text (any case), one page at a time, by contact id. */
public record FindContacts(String text, int page, int size) {}
