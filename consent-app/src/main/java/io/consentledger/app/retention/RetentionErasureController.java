package io.consentledger.app.retention;

import io.consentledger.api.ContactId;
import io.consentledger.api.FieldRules;
import io.consentledger.app.security.Role;
import io.consentledger.command.web.IdempotentRequests;
import io.consentledger.command.web.IdempotentRequests.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Erases contacts in bulk (ADMIN): those named, or — asked for explicitly — every one whose retention has run out; a
 * dry run answers who would be erased. Progress by GET, on any node.
 */
@RestController
@RequestMapping(path = "/api/v1/retention/erasures", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Retention", description = "Contacts without legal basis and their erasure (ADMIN)")
class RetentionErasureController {

    private final RetentionErasures erasures;
    private final IdempotentRequests requests;

    RetentionErasureController(RetentionErasures erasures, IdempotentRequests requests) {
        this.erasures = erasures;
        this.requests = requests;
    }

    /**
     * Which contacts to erase: exactly one of {@code contactIds} (1 to 10,000 ids) and {@code allOverdue: true}; with
     * {@code dryRun: true} nothing is erased and the answer says who would be.
     */
    @Schema(
            description =
                    "Exactly one of contactIds and allOverdue: true; dryRun: true only reports who would be erased")
    record ErasureRequest(
            @ArraySchema(
                    arraySchema = @Schema(description = "The contacts to erase (not with allOverdue)"),
                    schema = @Schema(pattern = FieldRules.CONTACT_ID, example = "crm-4711"))
            @Size(min = 1, max = 10_000)
            List<@NotNull @ContactId String> contactIds,

            @Schema(
                    description = "true: erase every contact whose retention has run out now (not with contactIds)",
                    example = "true")
            Boolean allOverdue,

            @Schema(description = "true: only answer who would be erased; nothing is recorded", example = "false")
            Boolean dryRun) {}

    @Operation(
            summary = "Erase contacts in bulk: one erasure per contact, in the background; follow it by GET",
            description = "Send {\"contactIds\": [...]} or {\"allOverdue\": true} (every contact whose retention has"
                    + " run out now); anything else is 400. Add \"dryRun\": true to learn who would be erased: 200 and"
                    + " nothing recorded. An Idempotency-Key makes a repeat answer the first job instead of starting"
                    + " another (dry runs record nothing, not even their key).")
    @ApiResponse(
            responseCode = "202",
            description = "The job is recorded and starts on this node",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErasureJob.class)))
    @ApiResponse(
            responseCode = "200",
            description = "Dry run: who would be erased; nothing recorded",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErasurePlan.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @RolesAllowed("ADMIN")
    ResponseEntity<?> start(
            @Valid @RequestBody ErasureRequest body, Authentication authentication, HttpServletRequest request) {
        boolean allOverdue = explicitTargets(body);
        List<String> targets = allOverdue ? erasures.overdue() : List.copyOf(new LinkedHashSet<>(body.contactIds()));
        if (Boolean.TRUE.equals(body.dryRun())) {
            return ResponseEntity.ok(erasures.plan(targets, allOverdue));
        }
        return requests.once(request, body, () -> {
            ErasureJob job =
                    erasures.start(targets, allOverdue, authentication.getName(), Role.codesOf(authentication));
            return new Outcome(HttpStatus.ACCEPTED, URI.create("/api/v1/retention/erasures/" + job.jobId()), job);
        });
    }

    @Operation(summary = "A bulk erasure's state, progress and result counts, from any node")
    @GetMapping("/{jobId}")
    @RolesAllowed({"ADMIN", "INTEGRATOR", "AUDITOR"})
    ErasureJob job(@PathVariable String jobId) {
        return erasures.find(jobId).orElseThrow(() -> new UnknownErasureJob(jobId));
    }

    /** Whether the request asks for every overdue contact; refuses one that does not say exactly whom to erase. */
    private static boolean explicitTargets(ErasureRequest body) {
        if (body.allOverdue() != null && !body.allOverdue()) {
            throw new ErasureTargetsNotExplicit(
                    "allOverdue", "allOverdue must be true when given; to erase named contacts, send contactIds.");
        }
        boolean allOverdue = Boolean.TRUE.equals(body.allOverdue());
        if (allOverdue && body.contactIds() != null) {
            throw new ErasureTargetsNotExplicit("contactIds", "Send either contactIds or allOverdue: true, not both.");
        }
        if (!allOverdue && body.contactIds() == null) {
            throw new ErasureTargetsNotExplicit(
                    "contactIds",
                    "Say whom to erase: contactIds (1 to 10,000 contact ids), or allOverdue: true for every contact"
                            + " whose retention has run out.");
        }
        return allOverdue;
    }
}
