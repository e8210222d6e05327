package io.consentledger.api.consent;

import io.swagger.v3.oas.annotations.media.Schema;

/** The answer to {@link CheckConsent}: whether processing is allowed, on which basis, and why. */
public record ConsentCheck(
        @Schema(description = "Whether the processing is allowed now (or at asOf)", example = "true")
        boolean allowed,

        @Schema(description = "The legal basis recorded for the purpose, if any")
        LegalBasis legalBasis,

        @Schema(description = "Where the contact stands for the purpose")
        StandingStatus status,

        @Schema(description = "Why, in a few words", example = "Consent is given.")
        String reason) {}
