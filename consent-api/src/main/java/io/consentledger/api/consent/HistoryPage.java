package io.consentledger.api.consent;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of a contact's history. */
public record HistoryPage(
        @Schema(description = "The contact whose history this is", example = "crm-4711")
        String contactId,

        @Schema(description = "The page number, from 0", example = "0")
        int page,

        @Schema(description = "Changes per page", example = "50")
        int size,

        @Schema(description = "How many changes the contact's history holds", example = "12")
        long totalElements,

        @Schema(description = "The changes on this page, oldest first (or newest first with sort=desc)")
        List<HistoryEntry> items) {}
