package io.consentledger.api.purpose;

import io.consentledger.api.consent.LegalBasis;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.Period;

/** A purpose as admins and integrators see it, in its current version. */
public record PurposeView(
        @Schema(description = "The purpose's id", example = "e-marketing")
        String purposeId,

        @Schema(description = "The current version of its terms, from 1", example = "2")
        int version,

        @Schema(description = "The purpose's name", example = "E-marketing")
        String name,

        @Schema(description = "What the data is processed for", example = "Newsletters and offers by email")
        String description,

        @Schema(
                description = "The text a person agrees to when they consent",
                example = "Yes, send me offers by email.")
        String consentText,

        @Schema(description = "Where the privacy notice is", example = "https://example.com/privacy")
        String privacyNoticeUrl,

        @Schema(description = "Whether processing needs the person's consent", example = "true")
        boolean requiresConsent,

        @Schema(description = "Whether a consent counts only once the person confirms it by email", example = "false")
        boolean doubleOptIn,

        @Schema(description = "Whether a new contact gets the confirmation email for it", example = "true")
        boolean sendConfirmation,

        @Schema(description = "The legal basis recorded for it when none is given")
        LegalBasis defaultLegalBasis,

        @Schema(
                description = "How long personal data is kept after the last legal basis ends (ISO 8601)",
                example = "P2Y")
        Period retention,

        @Schema(description = "false once retired", example = "true")
        boolean active,

        @Schema(description = "When it was defined", example = "2025-01-15T08:00:00Z")
        Instant definedAt,

        @Schema(description = "When it was last revised or retired", example = "2025-02-01T08:00:00Z")
        Instant changedAt) {}
