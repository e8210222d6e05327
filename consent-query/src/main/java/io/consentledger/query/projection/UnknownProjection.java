package io.consentledger.query.projection;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A request names a projection the ledger does not have. */
public class UnknownProjection extends Rejection {

    public UnknownProjection(String name) {
        super(RejectionKind.UNKNOWN_PROJECTION, "There is no projection '%s'.".formatted(name), "name");
    }
}
