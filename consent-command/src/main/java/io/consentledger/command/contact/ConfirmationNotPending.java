package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A confirmation names a consent that no longer waits for it: it lapsed, was withdrawn or was asked for again. */
public class ConfirmationNotPending extends Rejection {

    public ConfirmationNotPending(String contactId, String purposeId) {
        super(
                RejectionKind.CONFIRMATION_NOT_PENDING,
                "Contact '%s' has no consent to purpose '%s' waiting for this confirmation."
                        .formatted(contactId, purposeId),
                "confirmationId");
    }
}
