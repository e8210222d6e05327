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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Period;

/** The body of defining (POST, with {@code purposeId}) or revising (PUT, without) a purpose; flags default to false. */
record PurposeRequest(
        @NotBlank(groups = Definition.class) @Null(groups = Revision.class, message = "is given by the path") @Slug
        String purposeId,

        @NotBlank @Size(max = NAME_MAX) @SingleLine String name,

        @Size(max = DESCRIPTION_MAX) String description,
        @Size(max = CONSENT_TEXT_MAX) String consentText,

        @Size(max = URL_MAX) @Pattern(regexp = HTTP_URL, message = HTTP_URL_MESSAGE)
        String privacyNoticeUrl,

        Boolean requiresConsent,
        Boolean doubleOptIn,
        Boolean sendConfirmation,
        LegalBasis defaultLegalBasis,
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
