package io.consentledger.query.catalog;

import io.consentledger.api.Slug;
import io.consentledger.api.consent.FindLegalBases;
import io.consentledger.api.consent.LegalBasisTerms;
import io.consentledger.api.purpose.FindPurposeVersions;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeVersion;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.api.source.FindSources;
import io.consentledger.api.source.SourceView;
import io.consentledger.query.contact.PurposeNotFound;
import io.consentledger.query.projection.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the catalog: purposes, sources and the legal bases of GDPR Art. 6(1). */
@RestController
@RolesAllowed({"ADMIN", "INTEGRATOR", "AUDITOR"})
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Catalog", description = "Purposes, sources and legal bases")
class CatalogQueryController {

    private final Queries queries;

    CatalogQueryController(Queries queries) {
        this.queries = queries;
    }

    @Operation(summary = "List purposes in their current version")
    @GetMapping("/purposes")
    List<PurposeView> purposes(
            @RequestParam(defaultValue = "false") boolean includeRetired,
            @RequestParam(defaultValue = "false") boolean wait) {
        return queries.fresh(wait).many(new FindPurposes(includeRetired), PurposeView.class);
    }

    @Operation(summary = "List sources")
    @GetMapping("/sources")
    List<SourceView> sources(
            @RequestParam(defaultValue = "false") boolean includeRetired,
            @RequestParam(defaultValue = "false") boolean wait) {
        return queries.fresh(wait).many(new FindSources(includeRetired), SourceView.class);
    }

    @Operation(summary = "Every version of a purpose, oldest first, with the terms it had and since when")
    @GetMapping("/purposes/{purposeId}/versions")
    List<PurposeVersion> versions(
            @PathVariable @Slug String purposeId, @RequestParam(defaultValue = "false") boolean wait) {
        List<PurposeVersion> versions =
                queries.fresh(wait).many(new FindPurposeVersions(purposeId), PurposeVersion.class);
        if (versions.isEmpty()) {
            throw new PurposeNotFound(purposeId);
        }
        return versions;
    }

    @Operation(summary = "The six legal bases of GDPR Art. 6(1), with the names people see")
    @GetMapping("/legal-bases")
    List<LegalBasisTerms> legalBases(@RequestParam(defaultValue = "false") boolean wait) {
        return queries.fresh(wait).many(new FindLegalBases(), LegalBasisTerms.class);
    }
}
