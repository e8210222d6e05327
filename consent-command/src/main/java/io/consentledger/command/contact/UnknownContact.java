package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** The command names a contact that was never registered. */
public class UnknownContact extends Rejection {

    public UnknownContact(String contactId) {
        super(
                RejectionKind.UNKNOWN_CONTACT,
                "No contact with id '%s' is registered.".formatted(contactId),
                "contactId");
    }
}
