package io.consentledger.command.catalog;

/**
 * What the command side must know of a source: its name (as the confirmation email tells it), whether it is active and
 * whether it sends confirmation emails.
 */
public record SourceRules(
        String sourceId, String name, boolean active, boolean sendConfirmation, String confirmationTemplate) {}
