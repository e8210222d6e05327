package io.consentledger.command.catalog;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** The command names a source that is retired. */
public class SourceIsRetired extends Rejection {

    public SourceIsRetired(String id) {
        super(
                RejectionKind.SOURCE_RETIRED,
                "Source '%s' is retired; nothing new can be recorded from it.".formatted(id),
                "sourceId");
    }
}
