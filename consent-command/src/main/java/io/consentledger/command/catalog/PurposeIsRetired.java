package io.consentledger.command.catalog;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** The command names a purpose that is retired. */
public class PurposeIsRetired extends Rejection {

    public PurposeIsRetired(String id) {
        super(
                RejectionKind.PURPOSE_RETIRED,
                "Purpose '%s' is retired; nothing new can be recorded for it.".formatted(id),
                "purposeId");
    }
}
