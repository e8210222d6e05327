package io.consentledger.api.consent;

/** Asks for the current legal basis of every active purpose for one contact. */
public record FindLegalBasis(String contactId) {}
