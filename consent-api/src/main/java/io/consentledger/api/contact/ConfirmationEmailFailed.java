package io.consentledger.api.contact;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * An attempt at a confirmation email failed ({@code errorKind}: e.g. connection, authentication, rejected). Without
 * {@code nextAttemptAt} it was the last one: the email was given up ({@code consent-lapsed}: the double opt-in link it
 * carried had expired).
 */
@Revision("1")
public record ConfirmationEmailFailed(
        String contactId, String requestId, int attempt, String errorKind, Instant nextAttemptAt) {}
