package io.consentledger.api.consent;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import org.axonframework.serialization.Revision;

/** A contact withdrew their consent to a purpose. */
@Revision("1")
public record ConsentWithdrawn(
        @DataSubject String contactId,
        String purposeId,
        int purposeVersion,
        String sourceId,
        @PersonalData String reason)
        implements StandingChange {}
