package io.consentledger.api.consent;

/** Asks for the six legal bases with the names people see. */
public record FindLegalBases() {}
