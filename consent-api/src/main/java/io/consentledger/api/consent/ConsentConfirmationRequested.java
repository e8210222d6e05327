package io.consentledger.api.consent;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A contact gave consent that counts only once they confirm it (double opt-in); until {@code lapsesAt} it is
 * {@code PENDING_CONFIRMATION}. {@code sourceDetail} and the evidence's IP address and user agent are personal data.
 */
@Revision("1")
public record ConsentConfirmationRequested(
        @DataSubject String contactId,
        String purposeId,
        int purposeVersion,
        String confirmationId,
        ConfirmBy confirmBy,
        String sourceId,
        @PersonalData String sourceDetail,
        Instant capturedAt,
        Instant validUntil,
        @PersonalData Evidence evidence,
        Instant lapsesAt)
        implements StandingChange {}
