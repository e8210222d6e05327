package io.consentledger.command.catalog;

/** What the command side must know of a source: whether it is active and sends confirmation emails. */
public record SourceRules(String sourceId, boolean active, boolean sendConfirmation, String confirmationTemplate) {}
