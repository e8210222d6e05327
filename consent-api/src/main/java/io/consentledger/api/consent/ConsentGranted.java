package io.consentledger.api.consent;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A contact gave consent to a purpose, in the purpose's version then in force. */
@Revision("1")
public record ConsentGranted(
        @DataSubject String contactId,
        String purposeId,
        int purposeVersion,
        String sourceId,
        @PersonalData String sourceDetail,
        Instant capturedAt,
        Instant validUntil,
        @PersonalData Evidence evidence)
        implements StandingChange {}
