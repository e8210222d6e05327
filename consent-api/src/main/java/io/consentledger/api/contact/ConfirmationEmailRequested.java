package io.consentledger.api.contact;

import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * The contact is to be told what is stored about them, why and where it came from (GDPR Art. 13/14). Carries what
 * the email says as it stood then; {@code name} and {@code email} are personal data.
 */
@Revision("1")
public record ConfirmationEmailRequested(
        String contactId,
        String requestId,
        ConfirmationTrigger trigger,
        String name,
        String email,
        String locale,
        String sourceId,
        List<PurposeNotice> purposes) {}
