package io.consentledger.api.source;

import java.time.Instant;

/**
 * A source as admins and integrators see it; {@code confirmationTemplate} is null for the standard email, and a
 * {@code builtIn} source is one the ledger records from by itself, which cannot be retired.
 */
public record SourceView(
        String sourceId,
        String name,
        String description,
        boolean sendConfirmation,
        String confirmationTemplate,
        boolean active,
        Instant definedAt,
        boolean builtIn) {}
