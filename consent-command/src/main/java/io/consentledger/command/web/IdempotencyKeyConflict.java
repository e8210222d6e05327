package io.consentledger.command.web;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** The same idempotency key came again with another request. */
public class IdempotencyKeyConflict extends Rejection {

    IdempotencyKeyConflict() {
        super(
                RejectionKind.IDEMPOTENCY_KEY_REUSED,
                "This Idempotency-Key was used before with a different request; use a new key for a new request.",
                "Idempotency-Key");
    }
}
