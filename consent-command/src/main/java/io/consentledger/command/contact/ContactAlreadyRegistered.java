package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A contact with that id is registered already. */
public class ContactAlreadyRegistered extends Rejection {

    public ContactAlreadyRegistered(String contactId) {
        super(
                RejectionKind.CONTACT_ALREADY_REGISTERED,
                "A contact with id '%s' is already registered.".formatted(contactId),
                "contactId");
    }
}
