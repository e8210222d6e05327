package io.consentledger.command.catalog;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A purpose with that id exists already. */
public class PurposeAlreadyDefined extends Rejection {

    public PurposeAlreadyDefined(String id) {
        super(
                RejectionKind.PURPOSE_ALREADY_DEFINED,
                "A purpose with id '%s' is already defined.".formatted(id),
                "purposeId");
    }
}
