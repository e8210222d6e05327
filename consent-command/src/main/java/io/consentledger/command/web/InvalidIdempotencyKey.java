package io.consentledger.command.web;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** The idempotency key header is empty, too long or holds characters outside printable ASCII. */
public class InvalidIdempotencyKey extends Rejection {

    public InvalidIdempotencyKey() {
        super(
                RejectionKind.INVALID_REQUEST,
                "Idempotency-Key must be 1 to 200 printable ASCII characters.",
                "Idempotency-Key");
    }
}
