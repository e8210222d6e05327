package io.consentledger.command.catalog;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** The command names a source that was never defined. */
public class UnknownSource extends Rejection {

    public UnknownSource(String id) {
        super(RejectionKind.UNKNOWN_SOURCE, "No source with id '%s' is defined.".formatted(id), "sourceId");
    }
}
