package io.consentledger.api.retention;

/**
 * Asks for the contacts (not erased) that have no legal basis in force for any purpose, one page at a time, in
 * contact id order; with {@code overdueOnly} only those whose retention period has run out.
 */
public record FindContactsWithoutLegalBasis(boolean overdueOnly, int page, int size) {}
