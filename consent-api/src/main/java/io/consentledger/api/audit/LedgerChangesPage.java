package io.consentledger.api.audit;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One page of the ledger's changes, newest first. */
public record LedgerChangesPage(
        @Schema(description = "The page number, from 0", example = "0")
        int page,

        @Schema(description = "Changes per page", example = "100")
        int size,

        @Schema(description = "How many changes match the filter", example = "1234")
        long totalElements,

        @Schema(description = "The changes on this page, newest first")
        List<LedgerChange> items) {}
