package io.consentledger.app.imports;

import io.consentledger.app.security.Role;
import io.consentledger.command.web.CommandSender;
import io.consentledger.command.web.IdempotentRequests;
import io.consentledger.command.web.IdempotentRequests.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Pattern;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk imports of existing contacts and standings (INTEGRATOR, ADMIN): a CSV or NDJSON file, read as it arrives,
 * answered once it is durably received; progress and refused rows (no personal data) by GET, from any node, for
 * auditors too.
 */
@RestController
@Validated
@RequestMapping(path = "/api/v1/imports")
@Tag(name = "Imports", description = "Bulk import of existing contacts and consents (INTEGRATOR, ADMIN)")
class ImportController {

    static final String ID = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

    private final Imports imports;
    private final IdempotentRequests requests;

    ImportController(Imports imports, IdempotentRequests requests) {
        this.imports = imports;
        this.requests = requests;
    }

    @Operation(
            summary = "Import contacts and their standings from a CSV or NDJSON file",
            description = "A CSV file with a header row, or NDJSON (one JSON object per line, every value a string),"
                    + " with the columns contactId, name, email, sourceId, sourceDetail, locale and, for a standing,"
                    + " purposeId, legalBasis (CONSENT when blank), status (GRANTED when blank; WITHDRAWN, ENDED),"
                    + " capturedAt, validUntil, evidenceText, formUrl. The file is read row by row and answered 202"
                    + " once it is durably received; the rows are then recorded chunk by chunk on the channel import"
                    + " with you as actor. A row the ledger holds already records nothing; a blank cell never erases"
                    + " or overwrites. dryRun=true checks every row (fields, catalog, times) and records nothing in the"
                    + " ledger. No confirmation emails unless sendConfirmation=true. With an Idempotency-Key, a repeat"
                    + " of the same file answers the first import instead of starting another (dry runs record no"
                    + " key).",
            requestBody =
                    @RequestBody(
                            content = {
                                @Content(
                                        mediaType = ImportFiles.CSV,
                                        schema = @Schema(type = "string", example = EXAMPLE_CSV)),
                                @Content(
                                        mediaType = ImportFiles.NDJSON,
                                        schema = @Schema(type = "string", example = EXAMPLE_NDJSON))
                            }))
    @ApiResponse(
            responseCode = "202",
            description = "The whole file is received; follow the import at the Location",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportJob.class)))
    @PostMapping(
            consumes = {ImportFiles.CSV, ImportFiles.NDJSON},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @RolesAllowed({"INTEGRATOR", "ADMIN"})
    ResponseEntity<?> start(
            @Parameter(description = "true: only check every row; nothing is recorded in the ledger")
                    @RequestParam(defaultValue = "false")
                    boolean dryRun,
            @Parameter(
                            description =
                                    "true: imported contacts and consents get the confirmation email their source asks for")
                    @RequestParam(defaultValue = "false")
                    boolean sendConfirmation,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            Authentication authentication,
            HttpServletRequest request)
            throws IOException {
        String mediaType = contentType.getType() + "/" + contentType.getSubtype();
        if (dryRun || request.getHeader(CommandSender.IDEMPOTENCY_KEY_HEADER) == null) {
            ImportJob job = receive(request.getInputStream(), mediaType, dryRun, sendConfirmation, authentication);
            return ResponseEntity.accepted().location(location(job)).body(job);
        }
        // The key must be checked against the file before anything is recorded: the file is spooled to a temporary
        // file (it holds personal data: deleted at once) while its SHA-256 is taken.
        Path spooled = Files.createTempFile("consent-import-", ".upload");
        try {
            MessageDigest digest = sha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(spooled), digest)) {
                request.getInputStream().transferTo(out);
            }
            Map<String, Object> identity = Map.of(
                    "sha256", HexFormat.of().formatHex(digest.digest()),
                    "mediaType", mediaType,
                    "sendConfirmation", sendConfirmation);
            return requests.once(request, identity, () -> {
                try (InputStream in = Files.newInputStream(spooled)) {
                    ImportJob job = receive(in, mediaType, false, sendConfirmation, authentication);
                    return new Outcome(HttpStatus.ACCEPTED, location(job), job);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } finally {
            Files.deleteIfExists(spooled);
        }
    }

    private ImportJob receive(
            InputStream body, String mediaType, boolean dryRun, boolean sendConfirmation, Authentication caller) {
        return imports.receive(body, mediaType, dryRun, sendConfirmation, caller.getName(), Role.codesOf(caller));
    }

    private static URI location(ImportJob job) {
        return URI.create("/api/v1/imports/" + job.importId());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    @Operation(summary = "An import's state, counts and first refused rows, from any node")
    @GetMapping(path = "/{importId}", produces = MediaType.APPLICATION_JSON_VALUE)
    @RolesAllowed({"INTEGRATOR", "ADMIN", "AUDITOR"})
    ImportJob job(@PathVariable @Pattern(regexp = ID, message = "must be an import id") String importId) {
        return imports.find(importId).orElseThrow(() -> new UnknownImport(importId));
    }

    @Operation(summary = "Every refused row of an import as CSV: row, field, type, reason (never the refused value)")
    @ApiResponse(
            responseCode = "200",
            description = "The refused rows, in row order",
            content = @Content(mediaType = "text/csv", schema = @Schema(type = "string")))
    @GetMapping(
            path = "/{importId}/errors.csv",
            produces = {"text/csv", MediaType.APPLICATION_PROBLEM_JSON_VALUE})
    @RolesAllowed({"INTEGRATOR", "ADMIN", "AUDITOR"})
    ResponseEntity<StreamingResponseBody> errors(
            @PathVariable @Pattern(regexp = ID, message = "must be an import id") String importId) {
        imports.find(importId).orElseThrow(() -> new UnknownImport(importId));
        StreamingResponseBody body = out -> {
            Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            imports.writeErrors(importId, writer);
            writer.flush();
        };
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"import-" + importId + "-errors.csv\"")
                .body(body);
    }

    static final String EXAMPLE_CSV = "contactId,name,email,sourceId,purposeId,status,capturedAt\n"
            + "crm-4711,Ann Smith,ann@example.com,web-form,e-marketing,GRANTED,2024-03-01T12:00:00Z\n";

    static final String EXAMPLE_NDJSON = "{\"contactId\":\"crm-4711\",\"name\":\"Ann Smith\",\"email\":"
            + "\"ann@example.com\",\"sourceId\":\"web-form\",\"purposeId\":\"e-marketing\",\"status\":\"GRANTED\"}\n";
}
