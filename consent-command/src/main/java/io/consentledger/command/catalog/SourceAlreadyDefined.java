package io.consentledger.command.catalog;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A source with that id exists already. */
public class SourceAlreadyDefined extends Rejection {

    public SourceAlreadyDefined(String id) {
        super(
                RejectionKind.SOURCE_ALREADY_DEFINED,
                "A source with id '%s' is already defined.".formatted(id),
                "sourceId");
    }
}
