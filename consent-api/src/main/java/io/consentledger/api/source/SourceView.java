package io.consentledger.api.source;

import java.time.Instant;

/** A source as admins and integrators see it. */
public record SourceView(
        String sourceId,
        String name,
        String description,
        boolean sendConfirmation,
        boolean active,
        Instant definedAt) {}
