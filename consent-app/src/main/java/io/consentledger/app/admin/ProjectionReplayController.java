package io.consentledger.app.admin;

import io.consentledger.command.web.IdempotentRequests;
import io.consentledger.command.web.IdempotentRequests.Outcome;
import io.consentledger.query.web.ProjectionStatus;
import io.consentledger.query.web.Projections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Starts rebuilding a projection (ADMIN). With an {@code Idempotency-Key}, a repeat answers the first start and does
 * not start the rebuild again: the key is claimed in the transaction that resets the projection's tokens.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration", description = "Projections: status and rebuilds (ADMIN; status also AUDITOR)")
class ProjectionReplayController {

    private final Projections projections;
    private final IdempotentRequests requests;

    ProjectionReplayController(Projections projections, IdempotentRequests requests) {
        this.projections = projections;
        this.requests = requests;
    }

    @Operation(summary = "Rebuild one projection from the event store; follow it on GET /api/v1/admin/projections")
    @ApiResponse(
            responseCode = "202",
            description = "The rebuild has started",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(implementation = ProjectionStatus.class)))
    @PostMapping("/{name}/replay")
    ResponseEntity<String> replay(@PathVariable String name, HttpServletRequest request) {
        return requests.once(request, null, () -> new Outcome(HttpStatus.ACCEPTED, null, projections.replay(name)));
    }
}
