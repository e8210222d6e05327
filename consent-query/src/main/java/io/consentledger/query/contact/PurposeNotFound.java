package io.consentledger.query.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A query names a purpose the ledger does not know. */
public class PurposeNotFound extends Rejection {

    public PurposeNotFound(String purposeId) {
        super(RejectionKind.UNKNOWN_PURPOSE, "No purpose with id '%s' is defined.".formatted(purposeId), "purposeId");
    }
}
