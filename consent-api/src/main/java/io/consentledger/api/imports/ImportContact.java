package io.consentledger.api.imports;

import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Brings one row of an import into a contact's ledger: registers the contact when unknown, updates a name or email that
 * differs, and records the standing for {@code purposeId} (when given) unless the ledger holds it already. A {@code
 * null} never erases or overwrites what is stored. Answers an {@link ImportOutcome}; a refused row records nothing.
 */
public record ImportContact(
        @TargetAggregateIdentifier String contactId,
        String name,
        String email,
        String sourceId,
        String sourceDetail,
        String locale,
        String purposeId,
        LegalBasis legalBasis,
        StandingStatus status,
        Instant capturedAt,
        Instant validUntil,
        String evidenceText,
        String formUrl,
        boolean sendConfirmation) {

    /** Whether the row carries a standing, not only a contact. */
    public boolean hasStanding() {
        return purposeId != null;
    }

    /** The row's legal basis: consent when it names none. */
    public LegalBasis basis() {
        return legalBasis == null ? LegalBasis.CONSENT : legalBasis;
    }

    /** The row's status: {@code GRANTED} when it names none. */
    public StandingStatus standingStatus() {
        return status == null ? StandingStatus.GRANTED : status;
    }
}
