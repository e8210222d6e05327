package io.consentledger.api.consent;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import org.axonframework.serialization.Revision;

/** A documented legal basis no longer applies to a contact for a purpose. */
@Revision("1")
public record LegalBasisEnded(
        @DataSubject String contactId,
        String purposeId,
        int purposeVersion,
        LegalBasis legalBasis,
        @PersonalData String reason)
        implements StandingChange {}
