package io.consentledger.api.consent;

/** The answer to {@link CheckConsent}: whether processing is allowed, on which basis, and why. */
public record ConsentCheck(boolean allowed, LegalBasis legalBasis, StandingStatus status, String reason) {}
