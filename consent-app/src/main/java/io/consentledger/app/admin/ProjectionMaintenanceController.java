package io.consentledger.app.admin;

import io.consentledger.command.web.IdempotentRequests;
import io.consentledger.command.web.IdempotentRequests.Outcome;
import io.consentledger.query.projection.DeadLetterRetry;
import io.consentledger.query.projection.DeadLetters;
import io.consentledger.query.projection.ProjectionStatus;
import io.consentledger.query.projection.Projections;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rebuilds a projection and retries its dead letters (ADMIN). With an {@code Idempotency-Key}, a repeat answers the
 * first request and does nothing: a rebuild claims the key in the transaction that resets the projection's tokens; a
 * retry, whose letters each run in a transaction of their own, records its answer once it is done.
 */
@RestController
@RolesAllowed("ADMIN")
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Administration",
        description = "Projections: status, rebuilds and dead letters (ADMIN; reading also AUDITOR)")
class ProjectionMaintenanceController {

    private final Projections projections;
    private final DeadLetters deadLetters;
    private final IdempotentRequests requests;

    ProjectionMaintenanceController(Projections projections, DeadLetters deadLetters, IdempotentRequests requests) {
        this.projections = projections;
        this.deadLetters = deadLetters;
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

    @Operation(
            summary = "Process a projection's dead letters again, e.g. after a fix",
            description = "Each contact's letters are processed in order until one fails again; answers how many went"
                    + " through and how many are still dead.")
    @ApiResponse(
            responseCode = "200",
            description = "The dead letters were processed again",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(implementation = DeadLetterRetry.class)))
    @PostMapping("/{name}/dead-letters/retry")
    ResponseEntity<String> retry(@PathVariable String name, HttpServletRequest request) {
        return requests.onceAfter(request, null, () -> new Outcome(HttpStatus.OK, null, deadLetters.retry(name)));
    }
}
