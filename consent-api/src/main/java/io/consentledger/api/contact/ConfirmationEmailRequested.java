package io.consentledger.api.contact;

import io.consentledger.api.DataSubject;
import io.consentledger.api.PersonalData;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The contact is to be told what is stored about them, why and where it came from (GDPR Art. 13/14). Carries what
 * the email says as it stood then; {@code name} and {@code email} are personal data. {@code consent} is set when the
 * email asks the person to confirm a consent (double opt-in); {@code template} names the email template used.
 */
@Revision("1")
public record ConfirmationEmailRequested(
        @DataSubject String contactId,
        String requestId,
        ConfirmationTrigger trigger,
        @PersonalData String name,
        @PersonalData String email,
        String locale,
        String sourceId,
        List<PurposeNotice> purposes,
        ConsentToConfirm consent,
        String template) {}
