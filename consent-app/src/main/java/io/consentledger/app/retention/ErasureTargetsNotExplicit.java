package io.consentledger.app.retention;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A bulk erasure request that does not name its contacts, nor ask for every overdue one explicitly. */
class ErasureTargetsNotExplicit extends Rejection {

    ErasureTargetsNotExplicit(String field, String detail) {
        super(RejectionKind.INVALID_REQUEST, detail, field);
    }
}
