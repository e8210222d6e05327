package io.consentledger.query.projection;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A read asked to wait for a projection that did not catch up within the allowed time. */
public class ProjectionLagging extends Rejection {

    ProjectionLagging(String processingGroup) {
        super(
                RejectionKind.PROJECTION_LAGGING,
                "The %s view has not caught up with the ledger yet; try again shortly.".formatted(processingGroup));
    }
}
