package io.consentledger.query.retention;

import io.consentledger.api.retention.ContactsWithoutLegalBasisPage;
import io.consentledger.api.retention.FindContactsWithoutLegalBasis;
import io.consentledger.query.projection.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Lists the contacts without a legal basis, and whether their retention period has run out. */
@RestController
@RolesAllowed({"ADMIN", "INTEGRATOR", "AUDITOR"})
@RequestMapping(path = "/api/v1/retention", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Retention", description = "Contacts without legal basis and their erasure (ADMIN)")
class RetentionQueryController {

    private final Queries queries;

    RetentionQueryController(Queries queries) {
        this.queries = queries;
    }

    @Operation(
            summary = "Contacts without legal basis: none in force for any purpose",
            description = "With overdueOnly=true only those whose retention ran out (or that never had a basis).")
    @GetMapping("/due")
    ContactsWithoutLegalBasisPage due(
            @RequestParam(defaultValue = "false") boolean overdueOnly,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(defaultValue = "false") boolean wait) {
        return queries.fresh(wait)
                .one(new FindContactsWithoutLegalBasis(overdueOnly, page, size), ContactsWithoutLegalBasisPage.class)
                .orElseThrow();
    }
}
