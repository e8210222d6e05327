package io.consentledger.command.catalog;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** The command names a purpose that was never defined. */
public class UnknownPurpose extends Rejection {

    public UnknownPurpose(String id) {
        super(RejectionKind.UNKNOWN_PURPOSE, "No purpose with id '%s' is defined.".formatted(id), "purposeId");
    }
}
