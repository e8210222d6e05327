package io.consentledger.api.contact;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import org.axonframework.serialization.Revision;

/**
 * A contact was registered; {@code name}, {@code email} and {@code sourceDetail} are personal data. {@code locale} is
 * {@code null} in events recorded before it existed.
 */
@Revision("1")
public record ContactRegistered(
        @DataSubject String contactId,
        @PersonalData String name,
        @PersonalData String email,
        String sourceId,
        @PersonalData String sourceDetail,
        String locale) {}
