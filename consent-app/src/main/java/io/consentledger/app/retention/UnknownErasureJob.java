package io.consentledger.app.retention;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** No bulk erasure has that id. */
class UnknownErasureJob extends Rejection {

    UnknownErasureJob(String jobId) {
        super(RejectionKind.UNKNOWN_ERASURE_JOB, "There is no erasure job '%s'.".formatted(jobId), "jobId");
    }
}
