package io.consentledger.api.consent;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A legal basis as people see it: its fixed code and article, the name an admin gave it ({@code name}; the standard
 * name until then) and when it was last named ({@code null} if never).
 */
public record LegalBasisTerms(
        @Schema(description = "The legal basis's fixed code")
        LegalBasis code,

        @Schema(description = "The name people see: as an admin named it, else the standard name", example = "Samtykke")
        String name,

        @Schema(description = "The standard name", example = "Consent")
        String standardName,

        @Schema(description = "Where GDPR lays it down", example = "Art. 6(1)(a)")
        String article,

        @Schema(description = "When an admin last named it; null if never", example = "2025-01-15T08:00:00Z")
        Instant namedAt) {}
