package io.consentledger.query.export;

import io.consentledger.api.ContactId;
import io.consentledger.query.contact.ContactNotFound;
import io.consentledger.query.projection.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Locale;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A contact's data-subject export: an Excel workbook to send the person (Art. 15) and JSON to take away (Art. 20). */
@RestController
@RolesAllowed({"ADMIN", "INTEGRATOR", "AUDITOR"})
@RequestMapping("/api/v1/contacts/{contactId}")
@Tag(name = "Exports", description = "Everything the ledger holds about a contact (Art. 15 and 20)")
public class ContactExportController {

    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final Queries queries;
    private final ContactExports exports;
    private final ContactWorkbook workbook;

    ContactExportController(Queries queries, ContactExports exports, ContactWorkbook workbook) {
        this.queries = queries;
        this.exports = exports;
        this.workbook = workbook;
    }

    @Operation(summary = "Everything held about the contact as an Excel workbook: Summary, Purposes, History, Emails")
    @ApiResponse(responseCode = "200", content = @Content(mediaType = XLSX))
    @GetMapping(path = "/export.xlsx", produces = XLSX)
    ResponseEntity<byte[]> workbook(
            @PathVariable @ContactId String contactId,
            @RequestParam(defaultValue = "en") @Pattern(regexp = "^(en|da)$", message = "must be en or da") String lang,
            @RequestParam(defaultValue = "false") boolean wait)
            throws IOException {
        Locale locale = Locale.forLanguageTag(lang);
        return download(workbook, export(contactId, wait, locale), locale);
    }

    /** The contact's workbook as a download that no cache keeps; the back office's "Export to Excel" answers so too. */
    public static ResponseEntity<byte[]> download(ContactWorkbook workbook, ContactExport export, Locale locale)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        workbook.write(export, locale, out);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(XLSX))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("contact-" + export.contact().contactId() + ".xlsx")
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(out.toByteArray());
    }

    @Operation(summary = "Everything held about the contact as JSON (schema: docs/contact-export.schema.json)")
    @ApiResponse(
            responseCode = "200",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContactExport.class)))
    @GetMapping(path = "/export.json", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ContactExport> json(
            @PathVariable @ContactId String contactId,
            @RequestParam(defaultValue = "false") boolean wait,
            Locale locale) {
        return ResponseEntity.ok()
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename("contact-" + contactId + ".json")
                                .build()
                                .toString())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(export(contactId, wait, locale));
    }

    private ContactExport export(String contactId, boolean wait, Locale locale) {
        Queries read = queries.fresh(wait);
        return exports.export(read, contactId, locale).orElseThrow(() -> new ContactNotFound(contactId));
    }
}
