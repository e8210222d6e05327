package io.consentledger.api.consent;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import org.axonframework.serialization.Revision;

/** A legal basis other than consent now applies to a contact for a purpose. */
@Revision("1")
public record LegalBasisDocumented(
        @DataSubject String contactId,
        String purposeId,
        int purposeVersion,
        LegalBasis legalBasis,
        String sourceId,
        @PersonalData String sourceDetail,
        @PersonalData String note)
        implements StandingChange {}
