package io.consentledger.api.consent;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** The contact card's legal-basis field: a one-line summary and one entry per active purpose. */
public record LegalBasisView(
        @Schema(description = "The contact's id in your CRM", example = "crm-4711")
        String contactId,

        @Schema(
                description = "One line for the contact card: the purposes each legal basis in force covers",
                example = "Consent: E-marketing · Legitimate interests: Sales and service")
        String summary,

        @Schema(description = "Where the contact stands for each purpose recorded for them")
        List<PurposeStanding> purposes) {}
