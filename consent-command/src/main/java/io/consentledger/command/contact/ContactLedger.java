package io.consentledger.command.contact;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.DocumentLegalBasis;
import io.consentledger.api.consent.EndLegalBasis;
import io.consentledger.api.consent.Evidence;
import io.consentledger.api.consent.GrantConsent;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.WithdrawConsent;
import io.consentledger.api.contact.ConfirmationEmailFailed;
import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationEmailSent;
import io.consentledger.api.contact.ConfirmationTrigger;
import io.consentledger.api.contact.ContactDetailsUpdated;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.contact.PurposeNotice;
import io.consentledger.api.contact.RecordConfirmationEmailFailed;
import io.consentledger.api.contact.RecordConfirmationEmailSent;
import io.consentledger.api.contact.RegisterContact;
import io.consentledger.api.contact.RequestConfirmationEmail;
import io.consentledger.api.contact.UpdateContactDetails;
import io.consentledger.command.InvalidCommand;
import io.consentledger.command.Sha256;
import io.consentledger.command.catalog.Catalog;
import io.consentledger.command.catalog.PurposeRules;
import io.consentledger.command.catalog.SourceRules;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/** Everything recorded about one contact's legal bases: one standing per purpose, changed only by events. */
@Aggregate(cache = "contactLedgerCache", commandTargetResolver = "recordTargetResolver")
class ContactLedger {

    static final String DEFAULT_BASIS_NOTE = "Default legal basis of the purpose";

    @AggregateIdentifier
    private String contactId;

    private String name;
    private String email;
    private String locale;
    private String sourceId;
    private int confirmationRequests;
    private final Map<String, Standing> standings = new HashMap<>();

    /** The legal basis last recorded for a purpose, in which purpose version, and whether it is still in force. */
    private record Standing(LegalBasis basis, int purposeVersion, boolean inForce) {}

    ContactLedger() {
        // for Axon's event sourcing
    }

    @CommandHandler
    ContactLedger(RegisterContact command, Catalog catalog) {
        SourceRules source = catalog.activeSource(command.sourceId());
        apply(new ContactRegistered(
                command.contactId(),
                command.name(),
                command.email(),
                command.sourceId(),
                command.sourceDetail(),
                command.locale()));
        List<PurposeRules> defaults = catalog.purposesWithDefaultLegalBasis();
        for (PurposeRules purpose : defaults) {
            apply(new LegalBasisDocumented(
                    command.contactId(),
                    purpose.purposeId(),
                    purpose.version(),
                    purpose.defaultLegalBasis(),
                    command.sourceId(),
                    null,
                    DEFAULT_BASIS_NOTE));
        }
        if (source.sendConfirmation()) {
            apply(new ConfirmationEmailRequested(
                    command.contactId(),
                    requestId(command.contactId(), 1),
                    ConfirmationTrigger.REGISTERED,
                    command.name(),
                    command.email(),
                    command.locale(),
                    command.sourceId(),
                    defaults.stream()
                            .map(purpose -> new PurposeNotice(
                                    purpose.purposeId(),
                                    purpose.name(),
                                    purpose.version(),
                                    purpose.defaultLegalBasis()))
                            .toList()));
        }
    }

    @CommandHandler
    void handle(RequestConfirmationEmail command, Catalog catalog) {
        List<PurposeNotice> purposes = new ArrayList<>();
        standings.forEach((purposeId, standing) -> {
            if (standing.inForce()) {
                String purposeName =
                        catalog.purpose(purposeId).map(PurposeRules::name).orElse(purposeId);
                purposes.add(new PurposeNotice(purposeId, purposeName, standing.purposeVersion(), standing.basis()));
            }
        });
        purposes.sort(Comparator.comparing(PurposeNotice::purposeId));
        apply(new ConfirmationEmailRequested(
                contactId,
                requestId(contactId, confirmationRequests + 1),
                ConfirmationTrigger.RESEND,
                name,
                email,
                locale,
                sourceId,
                purposes));
    }

    @CommandHandler
    void handle(RecordConfirmationEmailSent command) {
        apply(new ConfirmationEmailSent(contactId, command.requestId(), command.attempt()));
    }

    @CommandHandler
    void handle(RecordConfirmationEmailFailed command) {
        apply(new ConfirmationEmailFailed(
                contactId, command.requestId(), command.attempt(), command.errorKind(), command.nextAttemptAt()));
    }

    @CommandHandler
    void handle(UpdateContactDetails command) {
        apply(new ContactDetailsUpdated(contactId, command.name(), command.email()));
    }

    @CommandHandler
    void handle(GrantConsent command, Catalog catalog, Clock clock) {
        PurposeRules purpose = catalog.activePurpose(command.purposeId());
        catalog.activeSource(command.sourceId());
        Instant now = clock.instant();
        Instant capturedAt = command.capturedAt() == null ? now : command.capturedAt();
        if (capturedAt.isAfter(now)) {
            throw new InvalidCommand(
                    "capturedAt", "capturedAt lies in the future; consent can only be recorded once given.");
        }
        if (command.validUntil() != null && !command.validUntil().isAfter(capturedAt)) {
            throw new InvalidCommand("validUntil", "validUntil must lie after the moment the consent was given.");
        }
        if (command.validUntil() != null && !command.validUntil().isAfter(now)) {
            throw new InvalidCommand(
                    "validUntil", "validUntil lies in the past; the consent would be expired already.");
        }
        apply(new ConsentGranted(
                contactId,
                purpose.purposeId(),
                purpose.version(),
                command.sourceId(),
                command.sourceDetail(),
                capturedAt,
                command.validUntil(),
                withTextHash(command.evidence())));
    }

    @CommandHandler
    void handle(WithdrawConsent command, Catalog catalog) {
        // A retired purpose still accepts withdrawals: withdrawing must stay as easy as giving (Art. 7(3)).
        PurposeRules purpose = catalog.existingPurpose(command.purposeId());
        catalog.activeSource(command.sourceId());
        Standing standing = standings.get(command.purposeId());
        if (standing == null || standing.basis() != LegalBasis.CONSENT || !standing.inForce()) {
            throw new ConsentNotGranted(contactId, command.purposeId());
        }
        apply(new ConsentWithdrawn(
                contactId, purpose.purposeId(), purpose.version(), command.sourceId(), command.reason()));
    }

    @CommandHandler
    void handle(DocumentLegalBasis command, Catalog catalog) {
        if (command.legalBasis() == LegalBasis.CONSENT) {
            throw new InvalidCommand("legalBasis", "Consent is recorded by granting it, not by documenting it.");
        }
        PurposeRules purpose = catalog.activePurpose(command.purposeId());
        catalog.activeSource(command.sourceId());
        if (purpose.requiresConsent()) {
            throw new ConsentRequired(purpose.purposeId());
        }
        apply(new LegalBasisDocumented(
                contactId,
                purpose.purposeId(),
                purpose.version(),
                command.legalBasis(),
                command.sourceId(),
                null,
                command.note()));
    }

    @CommandHandler
    void handle(EndLegalBasis command, Catalog catalog) {
        PurposeRules purpose = catalog.existingPurpose(command.purposeId());
        Standing standing = standings.get(command.purposeId());
        if (standing == null || !standing.inForce()) {
            throw new LegalBasisNotInForce(contactId, command.purposeId(), "");
        }
        if (standing.basis() == LegalBasis.CONSENT) {
            throw new LegalBasisNotInForce(contactId, command.purposeId(), " (consent is withdrawn, not ended)");
        }
        apply(new LegalBasisEnded(
                contactId, purpose.purposeId(), purpose.version(), standing.basis(), command.reason()));
    }

    @EventSourcingHandler
    void on(ContactRegistered event) {
        contactId = event.contactId();
        name = event.name();
        email = event.email();
        locale = event.locale();
        sourceId = event.sourceId();
    }

    @EventSourcingHandler
    void on(ContactDetailsUpdated event) {
        name = event.name();
        email = event.email();
    }

    @EventSourcingHandler
    void on(ConfirmationEmailRequested event) {
        confirmationRequests++;
    }

    @EventSourcingHandler
    void on(ConsentGranted event) {
        standings.put(event.purposeId(), new Standing(LegalBasis.CONSENT, event.purposeVersion(), true));
    }

    @EventSourcingHandler
    void on(ConsentWithdrawn event) {
        standings.put(event.purposeId(), new Standing(LegalBasis.CONSENT, event.purposeVersion(), false));
    }

    @EventSourcingHandler
    void on(LegalBasisDocumented event) {
        standings.put(event.purposeId(), new Standing(event.legalBasis(), event.purposeVersion(), true));
    }

    @EventSourcingHandler
    void on(LegalBasisEnded event) {
        standings.put(event.purposeId(), new Standing(event.legalBasis(), event.purposeVersion(), false));
    }

    /** Unique per contact and ledger-wide: the contact id and the number of the request. */
    private static String requestId(String contactId, int number) {
        return contactId + "/confirmation-" + number;
    }

    private static Evidence withTextHash(Evidence evidence) {
        if (evidence == null || evidence.text() == null) {
            return evidence;
        }
        return new Evidence(
                evidence.text(),
                Sha256.hex(evidence.text()),
                evidence.formUrl(),
                evidence.ipAddress(),
                evidence.userAgent());
    }
}
