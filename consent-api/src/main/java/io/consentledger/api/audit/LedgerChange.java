package io.consentledger.api.audit;

import io.consentledger.api.FieldRules;
import io.consentledger.api.consent.HistoryEntry;
import io.swagger.v3.oas.annotations.media.Schema;

/** One change to one contact's ledger. */
public record LedgerChange(
        @Schema(description = "The contact whose ledger changed", example = "crm-4711", pattern = FieldRules.CONTACT_ID)
        String contactId,

        @Schema(description = "The change, as the contact's history shows it")
        HistoryEntry entry) {}
