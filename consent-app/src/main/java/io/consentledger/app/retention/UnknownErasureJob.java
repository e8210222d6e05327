package io.consentledger.app.retention;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** No bulk erasure with that id runs or ran on this node. */
class UnknownErasureJob extends Rejection {

    UnknownErasureJob(String jobId) {
        super(
                RejectionKind.UNKNOWN_ERASURE_JOB,
                "There is no erasure job '%s' on this node.".formatted(jobId),
                "jobId");
    }
}
