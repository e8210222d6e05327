package io.consentledger.app.imports;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** No import has that id. */
class UnknownImport extends Rejection {

    UnknownImport(String importId) {
        super(RejectionKind.UNKNOWN_IMPORT, "There is no import '%s'.".formatted(importId), "importId");
    }
}
