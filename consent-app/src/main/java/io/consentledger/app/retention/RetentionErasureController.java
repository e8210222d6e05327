package io.consentledger.app.retention;

import static io.consentledger.api.FieldRules.CONTACT_ID;
import static io.consentledger.api.FieldRules.CONTACT_ID_MESSAGE;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Forgets contacts in bulk (ADMIN): those named, or every one whose retention has run out; progress by GET. */
@RestController
@RequestMapping(path = "/api/v1/retention/erasures", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Retention", description = "Contacts without legal basis and their erasure (ADMIN)")
class RetentionErasureController {

    private final RetentionErasures erasures;

    RetentionErasureController(RetentionErasures erasures) {
        this.erasures = erasures;
    }

    /** Which contacts to erase; without {@code contactIds}, every contact whose retention has run out. */
    record ErasureRequest(
            @Size(max = 10_000)
            List<@NotNull @Pattern(regexp = CONTACT_ID, message = CONTACT_ID_MESSAGE) String> contactIds) {}

    @Operation(summary = "Erase contacts in bulk: one erasure per contact, in the background; follow it by GET")
    @PostMapping
    ResponseEntity<ErasureJob> start(
            @Valid @RequestBody(required = false) ErasureRequest body, Authentication authentication) {
        String roles = authentication.getAuthorities().stream()
                .map(GrantedAuthority::getAuthority)
                .map(authority -> authority.replaceFirst("^ROLE_", ""))
                .sorted()
                .collect(Collectors.joining(","));
        ErasureJob job = erasures.start(body == null ? null : body.contactIds(), authentication.getName(), roles);
        return ResponseEntity.status(HttpStatus.ACCEPTED)
                .location(URI.create("/api/v1/retention/erasures/" + job.jobId()))
                .body(job);
    }

    @Operation(summary = "A bulk erasure's progress and result counts")
    @GetMapping("/{jobId}")
    ErasureJob job(@PathVariable String jobId) {
        return erasures.find(jobId).orElseThrow(() -> new UnknownErasureJob(jobId));
    }
}
