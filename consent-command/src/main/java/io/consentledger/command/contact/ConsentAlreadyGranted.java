package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A consent is to wait for confirmation, but the contact's consent to the purpose is already in force. */
public class ConsentAlreadyGranted extends Rejection {

    public ConsentAlreadyGranted(String contactId, String purposeId) {
        super(
                RejectionKind.CONSENT_ALREADY_GRANTED,
                "Contact '%s' has consent in force for purpose '%s'; there is nothing to confirm."
                        .formatted(contactId, purposeId),
                "confirmBy");
    }
}
