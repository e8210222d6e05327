package io.consentledger.app.imports;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** An upload that cannot be imported at all: empty, without a header, of unknown columns, or not CSV or NDJSON. */
class InvalidImportFile extends Rejection {

    InvalidImportFile(String field, String detail) {
        super(RejectionKind.INVALID_IMPORT_FILE, detail, field);
    }
}
