package io.consentledger.api.contact;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** An attempt at a confirmation email failed ({@code errorKind}: e.g. connection, authentication, rejected). */
@Revision("1")
public record ConfirmationEmailFailed(
        String contactId, String requestId, int attempt, String errorKind, Instant nextAttemptAt) {}
