package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A command for a contact whose personal data was erased: nothing new can be recorded about them. */
public class ContactIsErased extends Rejection {

    public ContactIsErased(String contactId) {
        super(
                RejectionKind.CONTACT_ERASED,
                "Contact '%s' was erased; nothing new can be recorded about them.".formatted(contactId),
                "contactId");
    }
}
