package io.consentledger.api.consent;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a contact gave consent to a purpose; {@code capturedAt} defaults to now and is never in the future.
 * With {@code confirmBy} the consent waits for the person's confirmation (double opt-in) instead of counting at once.
 */
public record GrantConsent(
        @TargetAggregateIdentifier String contactId,
        String purposeId,
        String sourceId,
        String sourceDetail,
        Instant capturedAt,
        Instant validUntil,
        Evidence evidence,
        ConfirmBy confirmBy) {}
