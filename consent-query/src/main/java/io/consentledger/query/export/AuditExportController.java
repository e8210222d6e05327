package io.consentledger.query.export;

import io.consentledger.api.ContactId;
import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.audit.FindLedgerChanges;
import io.consentledger.api.audit.LedgerChangesPage;
import io.consentledger.api.consent.Change;
import io.consentledger.query.contact.HistoryTexts;
import io.consentledger.query.projection.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The auditor's API: the ledger's changes across contacts, filtered and paged, and the export of the whole ledger or a
 * time range (see {@link AuditDownloads}).
 */
@RestController
@RolesAllowed("AUDITOR")
@RequestMapping("/api/v1/audit")
@Tag(name = "Audit", description = "The whole ledger for auditors (AUDITOR)")
class AuditExportController {

    private final AuditDownloads downloads;
    private final Queries queries;

    private final HistoryTexts texts;

    AuditExportController(AuditDownloads downloads, Queries queries, HistoryTexts texts) {
        this.downloads = downloads;
        this.queries = queries;
        this.texts = texts;
    }

    @Operation(
            summary = "The changes to contacts' ledgers in [from, to), newest first, paged",
            description = "Every filter is optional; contactId, purposeId, change (e.g. CONSENT_WITHDRAWN) and actor"
                    + " match exactly. From the history projection: catalog changes are in the event export.")
    @GetMapping(path = "/changes", produces = MediaType.APPLICATION_JSON_VALUE)
    LedgerChangesPage changes(
            @RequestParam(required = false) Instant from,
            @RequestParam(required = false) Instant to,
            @RequestParam(required = false) @ContactId String contactId,
            @RequestParam(required = false) @Slug String purposeId,
            @RequestParam(required = false) Change change,
            @RequestParam(required = false) @Size(max = 200) @SingleLine String actor,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(defaultValue = "false") boolean wait,
            Locale locale) {
        LedgerChangesPage found = queries.fresh(wait)
                .one(
                        new FindLedgerChanges(
                                from,
                                to,
                                contactId,
                                purposeId,
                                change == null ? null : change.name(),
                                actor,
                                page,
                                size),
                        LedgerChangesPage.class)
                .orElseThrow();
        return texts.described(found, locale);
    }

    @Operation(summary = "Every event recorded in [from, to), oldest first, one JSON object per line")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = AuditDownloads.NDJSON))
    @GetMapping(path = "/events.ndjson", produces = AuditDownloads.NDJSON)
    ResponseEntity<StreamingResponseBody> ndjson(
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        return downloads.ndjson(from, to);
    }

    @Operation(summary = "Every event recorded in [from, to) as one Excel sheet, streamed")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = ContactExportController.XLSX))
    @GetMapping(path = "/export.xlsx", produces = ContactExportController.XLSX)
    ResponseEntity<StreamingResponseBody> workbook(
            @RequestParam(required = false) Instant from, @RequestParam(required = false) Instant to) {
        return downloads.workbook(from, to);
    }
}
