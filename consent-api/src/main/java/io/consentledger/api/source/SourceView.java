package io.consentledger.api.source;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A source as admins and integrators see it; {@code confirmationTemplate} is null for the standard email, and a
 * {@code builtIn} source is one the ledger records from by itself, which cannot be retired.
 */
public record SourceView(
        @Schema(description = "The source's id", example = "web-form")
        String sourceId,

        @Schema(description = "The source's name", example = "Web form")
        String name,

        @Schema(description = "Where exactly data from it comes from", example = "The signup form on our website")
        String description,

        @Schema(description = "Whether a contact registered from it gets the confirmation email", example = "true")
        boolean sendConfirmation,

        @Schema(description = "The confirmation email's template; null for the standard one", example = "web-form")
        String confirmationTemplate,

        @Schema(description = "false once retired", example = "true")
        boolean active,

        @Schema(description = "When it was defined", example = "2025-01-15T08:00:00Z")
        Instant definedAt,

        @Schema(
                description = "true for a source the ledger records from by itself; it cannot be retired",
                example = "false")
        boolean builtIn) {}
