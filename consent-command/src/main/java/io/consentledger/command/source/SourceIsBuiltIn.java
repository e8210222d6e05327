package io.consentledger.command.source;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** The ledger records from this source by itself (the person's profile page), so it cannot be retired. */
class SourceIsBuiltIn extends Rejection {

    SourceIsBuiltIn(String sourceId) {
        super(
                RejectionKind.SOURCE_BUILT_IN,
                "Source '%s' is built in: the ledger records the person's own choices from it, so it cannot be retired."
                        .formatted(sourceId),
                "sourceId");
    }
}
