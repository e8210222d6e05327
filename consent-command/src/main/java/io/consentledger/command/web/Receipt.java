package io.consentledger.command.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import io.swagger.v3.oas.annotations.media.Schema;

/** The body of a successful command response: what was recorded, for which ids. Empty fields are left out. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(
        @Schema(description = "The contact the command was about", example = "crm-4711")
        String contactId,

        @Schema(description = "The purpose it was about", example = "e-marketing")
        String purposeId,

        @Schema(description = "The source it was about (defining or retiring a source)", example = "web-form")
        String sourceId,

        @Schema(description = "The legal basis recorded or named")
        LegalBasis legalBasis,

        @Schema(description = "Where the contact stands for the purpose now")
        StandingStatus status) {

    public static Receipt forPurpose(String purposeId) {
        return new Receipt(null, purposeId, null, null, null);
    }

    public static Receipt forSource(String sourceId) {
        return new Receipt(null, null, sourceId, null, null);
    }

    public static Receipt forLegalBasis(LegalBasis legalBasis) {
        return new Receipt(null, null, null, legalBasis, null);
    }

    public static Receipt forContact(String contactId) {
        return new Receipt(contactId, null, null, null, null);
    }

    public static Receipt forStanding(String contactId, String purposeId, LegalBasis basis, StandingStatus status) {
        return new Receipt(contactId, purposeId, null, basis, status);
    }
}
