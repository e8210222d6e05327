package io.consentledger.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The projections' status, rebuilds and dead letters over the API (see {@link Projections}, {@link DeadLetters}). */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Administration",
        description = "Projections: status, rebuilds and dead letters (ADMIN; reading also AUDITOR)")
class ProjectionAdminController {

    private final Projections projections;
    private final DeadLetters deadLetters;

    ProjectionAdminController(Projections projections, DeadLetters deadLetters) {
        this.projections = projections;
        this.deadLetters = deadLetters;
    }

    @Operation(
            summary =
                    "Every projection: position, total, whether it is being rebuilt and at what pace, its dead letters")
    @GetMapping
    List<ProjectionStatus> status() {
        return projections.status();
    }

    @Operation(summary = "Rebuild one projection from the event store; follow it on GET /api/v1/admin/projections")
    @PostMapping("/{name}/replay")
    ResponseEntity<ProjectionStatus> replay(@PathVariable String name) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(projections.replay(name));
    }

    @Operation(
            summary = "The events a projection could not process: per contact, in order, with why (no payload)",
            description = "Each holds back the later events of its contact (its sequence) until a retry processes"
                    + " it. cause is null for an event that only waits behind an earlier one of its contact.")
    @GetMapping("/{name}/dead-letters")
    DeadLetterPage deadLetters(
            @PathVariable String name,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return deadLetters.page(name, page, size);
    }

    @Operation(
            summary = "Process a projection's dead letters again, e.g. after a fix",
            description = "Each contact's letters are processed in order until one fails again; answers how many went"
                    + " through and how many are still dead.")
    @PostMapping("/{name}/dead-letters/retry")
    DeadLetterRetry retry(@PathVariable String name) {
        return deadLetters.retry(name);
    }
}
