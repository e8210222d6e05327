package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A withdrawal names a consent that is not currently given. */
public class ConsentNotGranted extends Rejection {

    public ConsentNotGranted(String contactId, String purposeId) {
        super(
                RejectionKind.CONSENT_NOT_GRANTED,
                "Contact '%s' has no consent in force for purpose '%s'.".formatted(contactId, purposeId),
                "purposeId");
    }
}
