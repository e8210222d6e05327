package io.consentledger.command.purpose;

import static io.consentledger.api.FieldRules.CONSENT_TEXT_MAX;
import static io.consentledger.api.FieldRules.DESCRIPTION_MAX;
import static io.consentledger.api.FieldRules.HTTP_URL;
import static io.consentledger.api.FieldRules.HTTP_URL_MESSAGE;
import static io.consentledger.api.FieldRules.NAME_MAX;
import static io.consentledger.api.FieldRules.URL_MAX;

import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.purpose.PurposeTerms;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Period;

/** The body of defining (POST, with {@code purposeId}) or revising (PUT, without) a purpose; flags default to false. */
record PurposeRequest(
        @Schema(
                description = "The purpose's id (only when defining it; a revision takes it from the path)",
                example = "e-marketing")
        @NotBlank(groups = Definition.class)
        @Null(groups = Revision.class, message = "is given by the path")
        @Slug
        String purposeId,

        @Schema(description = "The purpose's name as people read it", example = "E-marketing")
        @NotBlank
        @Size(max = NAME_MAX)
        @SingleLine
        String name,

        @Schema(description = "What the data is used for", example = "Offers and news by email")
        @Size(max = DESCRIPTION_MAX)
        String description,

        @Schema(
                description = "The text a person consents to for this purpose",
                example = "Yes, send me offers by email.")
        @Size(max = CONSENT_TEXT_MAX)
        String consentText,

        @Schema(description = "The privacy notice that describes the purpose", example = "https://example.com/privacy")
        @Size(max = URL_MAX)
        @Pattern(regexp = HTTP_URL, message = HTTP_URL_MESSAGE)
        String privacyNoticeUrl,

        @Schema(description = "Whether the purpose needs consent; false when left out", example = "true")
        Boolean requiresConsent,

        @Schema(
                description =
                        "Whether a consent given on the profile page waits for the person's confirmation by email; false when left out",
                example = "true")
        Boolean doubleOptIn,

        @Schema(
                description = "Whether the person gets an email that confirms what was recorded; false when left out",
                example = "false")
        Boolean sendConfirmation,

        @Schema(description = "The legal basis every new contact gets for this purpose; none when left out")
        LegalBasis defaultLegalBasis,

        @Schema(
                description =
                        "How long after the last legal basis ends the contact's data is kept (ISO-8601 period, at most P100Y)",
                example = "P2Y")
        Period retention) {

    /** Validation group of a definition. */
    interface Definition {}

    /** Validation group of a revision. */
    interface Revision {}

    PurposeTerms terms() {
        return new PurposeTerms(
                name,
                description,
                consentText,
                privacyNoticeUrl,
                Boolean.TRUE.equals(requiresConsent),
                Boolean.TRUE.equals(doubleOptIn),
                Boolean.TRUE.equals(sendConfirmation),
                defaultLegalBasis,
                retention);
    }
}
