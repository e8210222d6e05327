package io.consentledger.command.purpose;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.purpose.DefinePurpose;
import io.consentledger.api.purpose.PurposeDefined;
import io.consentledger.api.purpose.PurposeRetired;
import io.consentledger.api.purpose.PurposeRevised;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.api.purpose.RetirePurpose;
import io.consentledger.api.purpose.RevisePurpose;
import io.consentledger.command.InvalidCommand;
import io.consentledger.command.catalog.PurposeIsRetired;
import java.time.Period;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** A purpose of processing, versioned on every revision, until it is retired. */
@Aggregate(commandTargetResolver = "purposeTargetResolver")
class Purpose {

    @AggregateIdentifier
    private String streamId;

    private String purposeId;

    private int version;
    private boolean retired;

    Purpose() {
        // for Axon's event sourcing
    }

    @CommandHandler
    Purpose(DefinePurpose command) {
        checkTerms(command.terms());
        apply(new PurposeDefined(command.purposeId(), 1, command.terms()));
    }

    @CommandHandler
    void handle(RevisePurpose command) {
        requireNotRetired();
        checkTerms(command.terms());
        apply(new PurposeRevised(purposeId, version + 1, command.terms()));
    }

    @CommandHandler
    void handle(RetirePurpose command) {
        requireNotRetired();
        apply(new PurposeRetired(purposeId, version, command.reason()));
    }

    @EventSourcingHandler
    void on(PurposeDefined event) {
        streamId = StreamIds.purpose(event.purposeId());
        purposeId = event.purposeId();
        version = event.version();
    }

    @EventSourcingHandler
    void on(PurposeRevised event) {
        version = event.version();
    }

    @EventSourcingHandler
    void on(PurposeRetired event) {
        retired = true;
    }

    private void requireNotRetired() {
        if (retired) {
            throw new PurposeIsRetired(purposeId);
        }
    }

    private static void checkTerms(PurposeTerms terms) {
        if (terms.defaultLegalBasis() == LegalBasis.CONSENT) {
            throw new InvalidCommand(
                    "defaultLegalBasis", "Consent cannot be a default legal basis: only the person can give it.");
        }
        if (terms.requiresConsent() && terms.defaultLegalBasis() != null) {
            throw new InvalidCommand(
                    "defaultLegalBasis", "A purpose that requires consent cannot have a default legal basis.");
        }
        if (terms.retention() != null
                && (terms.retention().isNegative() || terms.retention().equals(Period.ZERO))) {
            throw new InvalidCommand("retention", "The retention period must be longer than zero.");
        }
    }
}
