package io.consentledger.query.feed;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A read of the change feed asked to wait while the node's waiting readers are already at their limit. */
class TooManyWaitingReaders extends Rejection {

    TooManyWaitingReaders() {
        super(
                RejectionKind.TOO_MANY_WAITING_READERS,
                "Too many readers are waiting for changes on this node; try again shortly, or ask without wait.");
    }
}
