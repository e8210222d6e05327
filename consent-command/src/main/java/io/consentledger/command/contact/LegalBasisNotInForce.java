package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** Ending a legal basis that is not documented and in force (a consent is withdrawn instead). */
public class LegalBasisNotInForce extends Rejection {

    public LegalBasisNotInForce(String contactId, String purposeId, String why) {
        super(
                RejectionKind.LEGAL_BASIS_NOT_IN_FORCE,
                "Contact '%s' has no documented legal basis in force for purpose '%s'%s."
                        .formatted(contactId, purposeId, why),
                "purposeId");
    }
}
