package io.consentledger.query.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A query names a contact the ledger does not know. */
public class ContactNotFound extends Rejection {

    public ContactNotFound(String contactId) {
        super(
                RejectionKind.UNKNOWN_CONTACT,
                "No contact with id '%s' is registered.".formatted(contactId),
                "contactId");
    }
}
