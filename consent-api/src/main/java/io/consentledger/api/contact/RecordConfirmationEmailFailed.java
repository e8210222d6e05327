package io.consentledger.api.contact;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Records a failed attempt at a confirmation email and when the next one is due. */
public record RecordConfirmationEmailFailed(
        @TargetAggregateIdentifier String contactId,
        String requestId,
        int attempt,
        String errorKind,
        Instant nextAttemptAt) {}
