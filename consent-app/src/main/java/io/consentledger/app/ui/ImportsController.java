package io.consentledger.app.ui;

import io.consentledger.app.imports.ImportJob;
import io.consentledger.app.imports.Imports;
import io.consentledger.app.security.Role;
import jakarta.annotation.security.RolesAllowed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Bulk imports in the back office (INTEGRATOR, ADMIN): upload a CSV or NDJSON file for a dry run or the import itself,
 * see the findings and follow the progress. The same service as {@code POST /api/v1/imports}, so the same rules.
 */
@Controller
@RolesAllowed({"INTEGRATOR", "ADMIN"})
@RequestMapping("/imports")
class ImportsController {

    private final Imports imports;

    ImportsController(Imports imports) {
        this.imports = imports;
    }

    @GetMapping
    String form() {
        return "ui/imports";
    }

    @PostMapping
    String upload(
            @RequestParam("file") MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            @RequestParam(defaultValue = "false") boolean sendConfirmation,
            Authentication authentication)
            throws IOException {
        try (InputStream body = file.getInputStream()) {
            ImportJob job = imports.receive(
                    body,
                    mediaTypeOf(file.getOriginalFilename()),
                    dryRun,
                    sendConfirmation,
                    authentication.getName(),
                    Role.codesOf(authentication));
            return "redirect:/imports/" + job.importId();
        }
    }

    @GetMapping("/{importId}")
    String job(@PathVariable String importId, Model model) {
        ImportJob job = imports.find(importId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("job", job);
        model.addAttribute("running", !"FINISHED".equals(job.state()));
        return "ui/imports";
    }

    @GetMapping("/{importId}/errors.csv")
    ResponseEntity<StreamingResponseBody> errors(@PathVariable String importId) {
        imports.find(importId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
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

    /** NDJSON by its usual extensions, CSV otherwise (browsers give spreadsheets' CSV files many content types). */
    private static String mediaTypeOf(String filename) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        return name.endsWith(".ndjson") || name.endsWith(".jsonl") ? "application/x-ndjson" : "text/csv";
    }
}
