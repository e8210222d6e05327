package io.consentledger.command.contact;

import io.consentledger.api.Rejection;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.imports.ImportContact;
import io.consentledger.api.imports.ImportOutcome;
import io.consentledger.command.InvalidCommand;
import io.consentledger.command.catalog.Catalog;
import io.consentledger.command.catalog.PurposeRules;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * The rules of an imported row that do not depend on the contact's ledger: the catalog (unknown or retired purposes
 * and sources, purposes that require consent) and the times. {@link ContactLedger} checks them before it records
 * anything, and a dry run checks exactly these, so the two agree.
 */
public final class ImportRules {

    private ImportRules() {}

    /** Why the row would be refused whatever the contact's ledger holds, or empty. */
    public static Optional<ImportOutcome> refusal(ImportContact row, Catalog catalog, Clock clock) {
        try {
            check(row, catalog, clock);
            return Optional.empty();
        } catch (Rejection rejection) {
            return Optional.of(refused(rejection));
        }
    }

    /** The refusal of a row as an outcome: the rejection's field, problem type and reason. */
    static ImportOutcome refused(Rejection rejection) {
        return ImportOutcome.refused(rejection.field(), rejection.kind().slug(), rejection.getMessage());
    }

    /** Throws the rejection of the first rule the row breaks. */
    static void check(ImportContact row, Catalog catalog, Clock clock) {
        if (row.sourceId() != null) {
            catalog.existingSource(row.sourceId());
        }
        if (!row.hasStanding()) {
            return;
        }
        if (row.sourceId() == null) {
            throw new InvalidCommand(
                    "sourceId", "A row with a purposeId needs a sourceId: where the standing was recorded.");
        }
        LegalBasis basis = row.basis();
        StandingStatus status = row.standingStatus();
        if (basis == LegalBasis.CONSENT && status == StandingStatus.ENDED) {
            throw new InvalidCommand("status", "Consent is withdrawn, not ended: the status of consent is WITHDRAWN.");
        }
        if (basis != LegalBasis.CONSENT && status == StandingStatus.WITHDRAWN) {
            throw new InvalidCommand(
                    "status", "Only consent is withdrawn; a legal basis other than consent has the status ENDED.");
        }
        Instant now = clock.instant();
        if (row.capturedAt() != null && row.capturedAt().isAfter(now)) {
            throw new InvalidCommand(
                    "capturedAt", "capturedAt lies in the future; consent can only be recorded once given.");
        }
        if (status == StandingStatus.GRANTED) {
            PurposeRules purpose = catalog.activePurpose(row.purposeId());
            catalog.activeSource(row.sourceId());
            if (basis != LegalBasis.CONSENT && purpose.requiresConsent()) {
                throw new ConsentRequired(purpose.purposeId());
            }
            if (basis == LegalBasis.CONSENT && row.validUntil() != null) {
                Instant capturedAt = row.capturedAt() == null ? now : row.capturedAt();
                if (!row.validUntil().isAfter(capturedAt)) {
                    throw new InvalidCommand(
                            "validUntil", "validUntil must lie after the moment the consent was given.");
                }
                if (!row.validUntil().isAfter(now)) {
                    throw new InvalidCommand(
                            "validUntil", "validUntil lies in the past; the consent would be expired already.");
                }
            }
        } else {
            // Withdrawals and ends are recorded for retired purposes and sources too (Art. 7(3)).
            catalog.existingPurpose(row.purposeId());
        }
    }
}
