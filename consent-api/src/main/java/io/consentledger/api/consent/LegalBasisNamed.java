package io.consentledger.api.consent;

/** A legal basis got a new display name; its code and meaning stay. */
public record LegalBasisNamed(LegalBasis legalBasis, String name) {}
