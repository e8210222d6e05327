package io.consentledger.query.contact;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.consentledger.api.Slug;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.PastOrPresent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * A purpose's audience — the send list a marketing platform can trust — streamed as NDJSON while it is read (see
 * {@link Audiences}), on Spring MVC's async threads, so that neither memory nor a request thread is held by its size.
 * The same roles as the consent check: it is the check's answer for every contact, ids only.
 */
@RestController
@RolesAllowed({"ADMIN", "INTEGRATOR", "AUDITOR"})
@RequestMapping("/api/v1")
@Tag(name = "Contacts", description = "Contacts, consents and legal bases (INTEGRATOR)")
class AudienceController {

    private static final JsonFactory JSON = new JsonFactory();

    private final Audiences audiences;

    AudienceController(Audiences audiences) {
        this.audiences = audiences;
    }

    @Operation(
            summary = "Every contact whose data may be processed for the purpose now (or at asOf), one per line",
            description = "The contacts the consent check allows: a basis in force (not expired), the purpose active,"
                    + " the contact not erased. One JSON object {\"contactId\": ...} per line (NDJSON), in contact id"
                    + " order, streamed as read. With asOf: by what the ledger knew at that instant, from the event"
                    + " store (slower; for audits).")
    @ApiResponse(
            responseCode = "200",
            description = "The audience, one contact per line",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_NDJSON_VALUE,
                            examples =
                                    @ExampleObject(
                                            value = "{\"contactId\":\"crm-4711\"}\n{\"contactId\":\"crm-4712\"}\n")))
    @GetMapping(path = "/purposes/{purposeId}/audience", produces = MediaType.APPLICATION_NDJSON_VALUE)
    ResponseEntity<StreamingResponseBody> audience(
            @PathVariable @Slug String purposeId,
            @RequestParam(required = false) @PastOrPresent Instant asOf,
            @RequestParam(defaultValue = "false") boolean wait) {
        Audiences.Audience audience = audiences.of(purposeId, asOf, wait);
        StreamingResponseBody body = out -> {
            try (JsonGenerator lines = JSON.createGenerator(out)) {
                lines.setRootValueSeparator(null);
                audience.forEach(contactId -> {
                    try {
                        lines.writeStartObject();
                        lines.writeStringField("contactId", contactId);
                        lines.writeEndObject();
                        lines.writeRaw('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        };
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_NDJSON)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(body);
    }
}
