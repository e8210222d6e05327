package io.consentledger.api.purpose;

/** Asks for every version of a purpose, oldest first; none when the purpose is unknown. */
public record FindPurposeVersions(String purposeId) {}
