package io.consentledger.command.profile;

import java.time.Instant;

/** A link that confirms one consent of a contact waiting for confirmation, valid until {@code expiresAt}. */
public record ConfirmationLink(
        String contactId, String purposeId, String confirmationId, String token, String url, Instant expiresAt) {}
