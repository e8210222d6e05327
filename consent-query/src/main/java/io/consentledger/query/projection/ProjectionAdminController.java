package io.consentledger.query.projection;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The projections' status and dead letters over the API (see {@link Projections}, {@link DeadLetters}); rebuilds and
 * retries are started in the app, which answers them once per {@code Idempotency-Key}.
 */
@RestController
@RolesAllowed({"ADMIN", "AUDITOR"})
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
}
