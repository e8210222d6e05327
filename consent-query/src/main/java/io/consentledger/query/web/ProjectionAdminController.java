package io.consentledger.query.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The projections' status over the API (see {@link Projections}); rebuilds are started in the app, which answers them
 * once per {@code Idempotency-Key}.
 */
@RestController
@RequestMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Administration", description = "Projections: status and rebuilds (ADMIN; status also AUDITOR)")
class ProjectionAdminController {

    private final Projections projections;

    ProjectionAdminController(Projections projections) {
        this.projections = projections;
    }

    @Operation(summary = "Every projection: position, total, whether it is being rebuilt and at what pace")
    @GetMapping
    List<ProjectionStatus> status() {
        return projections.status();
    }
}
