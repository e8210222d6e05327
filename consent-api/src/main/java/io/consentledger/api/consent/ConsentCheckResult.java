package io.consentledger.api.consent;

import io.swagger.v3.oas.annotations.media.Schema;

/** One contact's answer in a check in bulk: the {@link ConsentCheck} the single check gives, with the contact's id. */
public record ConsentCheckResult(
        @Schema(description = "The contact, as asked", example = "crm-4711")
        String contactId,

        @Schema(description = "Whether the processing is allowed now (or at asOf)", example = "true")
        boolean allowed,

        @Schema(description = "Where the contact stands for the purpose (NOT_RECORDED for a contact not registered)")
        StandingStatus status,

        @Schema(description = "The legal basis recorded for the purpose, if any")
        LegalBasis legalBasis,

        @Schema(description = "Why, in a few words", example = "Consent is given.")
        String reason) {

    /** The single check's answer for the contact. */
    public static ConsentCheckResult of(String contactId, ConsentCheck check) {
        return new ConsentCheckResult(contactId, check.allowed(), check.status(), check.legalBasis(), check.reason());
    }
}
