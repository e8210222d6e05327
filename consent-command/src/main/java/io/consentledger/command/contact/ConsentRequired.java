package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionKind;

/** A legal basis other than consent was documented for a purpose that accepts only consent. */
public class ConsentRequired extends Rejection {

    public ConsentRequired(String purposeId) {
        super(
                RejectionKind.CONSENT_REQUIRED,
                "Purpose '%s' requires consent; no other legal basis can be documented for it.".formatted(purposeId),
                "legalBasis");
    }
}
