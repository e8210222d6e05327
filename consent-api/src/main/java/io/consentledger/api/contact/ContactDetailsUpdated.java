package io.consentledger.api.contact;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import org.axonframework.serialization.Revision;

/** A contact's name and email changed; both are personal data. */
@Revision("1")
public record ContactDetailsUpdated(
        @DataSubject String contactId,
        @PersonalData String name,
        @PersonalData String email) {}
