package io.consentledger.query.catalog;

import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.api.source.FindSources;
import io.consentledger.api.source.SourceView;
import io.consentledger.query.web.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads the catalog: purposes, sources and the legal bases of GDPR Art. 6(1). */
@RestController
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
        return queries.after(wait, CatalogProjection.PROCESSING_GROUP)
                .many(new FindPurposes(includeRetired), PurposeView.class);
    }

    @Operation(summary = "List sources")
    @GetMapping("/sources")
    List<SourceView> sources(
            @RequestParam(defaultValue = "false") boolean includeRetired,
            @RequestParam(defaultValue = "false") boolean wait) {
        return queries.after(wait, CatalogProjection.PROCESSING_GROUP)
                .many(new FindSources(includeRetired), SourceView.class);
    }

    /** One legal basis of GDPR Art. 6(1), with the name people see. */
    record LegalBasisEntry(LegalBasis code, String name, String article) {}

    @Operation(summary = "List the six legal bases of GDPR Art. 6(1)")
    @GetMapping("/legal-bases")
    List<LegalBasisEntry> legalBases() {
        return Arrays.stream(LegalBasis.values())
                .map(basis -> new LegalBasisEntry(basis, basis.displayName(), basis.article()))
                .toList();
    }
}
