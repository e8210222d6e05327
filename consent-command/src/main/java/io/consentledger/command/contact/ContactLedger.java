package io.consentledger.command.contact;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.Rejection;
import io.consentledger.api.consent.ConfirmBy;
import io.consentledger.api.consent.ConfirmConsent;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentConfirmed;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.DocumentLegalBasis;
import io.consentledger.api.consent.EndLegalBasis;
import io.consentledger.api.consent.Evidence;
import io.consentledger.api.consent.GrantConsent;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.consent.WithdrawConsent;
import io.consentledger.api.contact.ConfirmationEmailFailed;
import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationEmailSent;
import io.consentledger.api.contact.ConfirmationTrigger;
import io.consentledger.api.contact.ConsentToConfirm;
import io.consentledger.api.contact.ContactDetailsUpdated;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.contact.EraseContact;
import io.consentledger.api.contact.PurposeNotice;
import io.consentledger.api.contact.RecordConfirmationEmailFailed;
import io.consentledger.api.contact.RecordConfirmationEmailSent;
import io.consentledger.api.contact.RegisterContact;
import io.consentledger.api.contact.RequestConfirmationEmail;
import io.consentledger.api.contact.UpdateContactDetails;
import io.consentledger.api.imports.ImportContact;
import io.consentledger.api.imports.ImportOutcome;
import io.consentledger.command.InvalidCommand;
import io.consentledger.command.Sha256;
import io.consentledger.command.catalog.Catalog;
import io.consentledger.command.catalog.PurposeRules;
import io.consentledger.command.catalog.SourceRules;
import io.consentledger.command.confirmation.MailTemplates;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.GenericMessage;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

/** Everything recorded about one contact's legal bases: one standing per purpose, changed only by events. */
@Aggregate(repository = "contactLedgerRepository", commandTargetResolver = "contactTargetResolver")
class ContactLedger {

    static final String DEFAULT_BASIS_NOTE = "Default legal basis of the purpose";
    static final String LAPSE = "consent-confirmation-lapse";

    @AggregateIdentifier
    private String contactId;

    private String name;
    private String email;
    private String locale;
    private String sourceId;
    private int confirmationRequests;
    private int consentConfirmations;
    private boolean erased;
    private final Map<String, Standing> standings = new HashMap<>();

    /**
     * The legal basis last recorded for a purpose, in which purpose version, and whether it is in force; for consent
     * also the confirmation it waits for ({@code pending}) or the one that made it count ({@code confirmed}).
     */
    private record Standing(LegalBasis basis, int purposeVersion, boolean inForce, String pending, String confirmed) {

        Standing(LegalBasis basis, int purposeVersion, boolean inForce) {
            this(basis, purposeVersion, inForce, null, null);
        }

        boolean consentInForce() {
            return basis == LegalBasis.CONSENT && inForce;
        }
    }

    /** The payload of the deadline at which a consent that waits for confirmation lapses. */
    record LapseDue(String purposeId, String confirmationId) {}

    ContactLedger() {
        // for Axon's event sourcing
    }

    @CommandHandler
    ContactLedger(RegisterContact command, Catalog catalog, ErasureJournal erasures) {
        // An erased id is never registered again; the journal knows it even where a restored store does not.
        if (erasures.holds(command.contactId())) {
            throw new ContactAlreadyRegistered(command.contactId());
        }
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
                            .toList(),
                    null,
                    templateOf(source)));
        }
    }

    @CommandHandler
    void handle(EraseContact command) {
        if (!erased) {
            apply(new ContactErased(contactId));
        }
    }

    /** Nothing new is recorded about a contact whose personal data was erased. */
    private void requireNotForgotten() {
        if (erased) {
            throw new ContactIsErased(contactId);
        }
    }

    @CommandHandler
    void handle(RequestConfirmationEmail command, Catalog catalog) {
        requireNotForgotten();
        requestConfirmationEmail(ConfirmationTrigger.RESEND, catalog, null);
    }

    /** Asks for an email that tells the contact every purpose in force now, and maybe a consent to confirm. */
    private void requestConfirmationEmail(ConfirmationTrigger trigger, Catalog catalog, ConsentToConfirm consent) {
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
                trigger,
                name,
                email,
                locale,
                sourceId,
                purposes,
                consent,
                consent == null
                        ? catalog.source(sourceId)
                                .map(ContactLedger::templateOf)
                                .orElse(MailTemplates.STANDARD)
                        : MailTemplates.CONFIRM_CONSENT));
    }

    /** The email template contacts from this source get. */
    private static String templateOf(SourceRules source) {
        return source.confirmationTemplate() == null ? MailTemplates.STANDARD : source.confirmationTemplate();
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
        requireNotForgotten();
        apply(new ContactDetailsUpdated(contactId, command.name(), command.email()));
    }

    /**
     * Records the consent as given, or as waiting for the person's confirmation; returns which ({@code GRANTED} or
     * {@code PENDING_CONFIRMATION}).
     */
    @CommandHandler
    StandingStatus handle(
            GrantConsent command,
            @MetaDataValue(LedgerMetadata.CHANNEL) String channel,
            Catalog catalog,
            Clock clock,
            DeadlineManager deadlines,
            DoubleOptInSettings doubleOptIn) {
        requireNotForgotten();
        PurposeRules purpose = catalog.activePurpose(command.purposeId());
        SourceRules source = catalog.activeSource(command.sourceId());
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
        Evidence evidence = withTextHash(command.evidence());
        ConfirmBy confirmBy = confirmation(command, channel, purpose);
        if (confirmBy != null) {
            Instant lapsesAt = now.plus(doubleOptIn.lapseAfter());
            String confirmationId =
                    requestConfirmation(command, confirmBy, purpose, capturedAt, evidence, lapsesAt, catalog);
            // The lapse is the ledger's own doing, not the actor's who asked for confirmation.
            deadlines.schedule(
                    lapsesAt,
                    LAPSE,
                    new GenericMessage<>(new LapseDue(purpose.purposeId(), confirmationId), LedgerMetadata.SYSTEM));
            return StandingStatus.PENDING_CONFIRMATION;
        }
        apply(new ConsentGranted(
                contactId,
                purpose.purposeId(),
                purpose.version(),
                command.sourceId(),
                command.sourceDetail(),
                capturedAt,
                command.validUntil(),
                evidence));
        if (purpose.sendConfirmation() && source.sendConfirmation()) {
            requestConfirmationEmail(ConfirmationTrigger.CONSENT_GIVEN, catalog, null);
        }
        return StandingStatus.GRANTED;
    }

    /**
     * How the consent must be confirmed before it counts, or {@code null} when it counts at once: as the command asks,
     * or by email when the person gave it on the ledger's own pages (channel {@code self-service}) to a purpose with
     * double opt-in. An integrator's grant without {@code confirmBy} counts on the integrator's word.
     */
    private static ConfirmBy confirmation(GrantConsent command, String channel, PurposeRules purpose) {
        if (command.confirmBy() != null) {
            return command.confirmBy();
        }
        return purpose.doubleOptIn() && Channel.SELF_SERVICE.code().equals(channel) ? ConfirmBy.EMAIL : null;
    }

    /**
     * Double opt-in: the consent waits for the person to follow the link in the email it asks for. Returns the id of
     * the confirmation.
     */
    private String requestConfirmation(
            GrantConsent command,
            ConfirmBy confirmBy,
            PurposeRules purpose,
            Instant capturedAt,
            Evidence evidence,
            Instant lapsesAt,
            Catalog catalog) {
        Standing standing = standings.get(purpose.purposeId());
        if (standing != null && standing.consentInForce()) {
            throw new ConsentAlreadyGranted(contactId, purpose.purposeId());
        }
        String confirmationId = "consent-" + (consentConfirmations + 1);
        apply(new ConsentConfirmationRequested(
                contactId,
                purpose.purposeId(),
                purpose.version(),
                confirmationId,
                confirmBy,
                command.sourceId(),
                command.sourceDetail(),
                capturedAt,
                command.validUntil(),
                evidence,
                lapsesAt));
        requestConfirmationEmail(
                ConfirmationTrigger.CONSENT_TO_CONFIRM,
                catalog,
                new ConsentToConfirm(
                        purpose.purposeId(),
                        purpose.name(),
                        confirmationId,
                        evidence == null ? null : evidence.text(),
                        lapsesAt));
        return confirmationId;
    }

    @CommandHandler
    void handle(ConfirmConsent command) {
        requireNotForgotten();
        Standing standing = standings.get(command.purposeId());
        if (standing != null && command.confirmationId().equals(standing.confirmed()) && standing.inForce()) {
            return; // confirmed already: following the link twice changes nothing
        }
        if (standing == null || !command.confirmationId().equals(standing.pending())) {
            throw new ConfirmationNotPending(contactId, command.purposeId());
        }
        apply(new ConsentConfirmed(
                contactId, command.purposeId(), standing.purposeVersion(), command.confirmationId()));
    }

    @DeadlineHandler(deadlineName = LAPSE)
    void lapse(LapseDue due) {
        Standing standing = standings.get(due.purposeId());
        // Only the confirmation this deadline was set for lapses; one confirmed, withdrawn or asked again is left
        // alone.
        if (!erased && standing != null && due.confirmationId().equals(standing.pending())) {
            apply(new ConsentLapsed(contactId, due.purposeId(), standing.purposeVersion(), due.confirmationId()));
        }
    }

    @CommandHandler
    void handle(WithdrawConsent command, Catalog catalog) {
        requireNotForgotten();
        // A retired purpose or source still accepts withdrawals: withdrawing must stay as easy as giving (Art. 7(3)).
        PurposeRules purpose = catalog.existingPurpose(command.purposeId());
        catalog.existingSource(command.sourceId());
        Standing standing = standings.get(command.purposeId());
        // A consent that waits for confirmation can be withdrawn too: the person changed their mind.
        if (standing == null || !(standing.consentInForce() || standing.pending() != null)) {
            throw new ConsentNotGranted(contactId, command.purposeId());
        }
        apply(new ConsentWithdrawn(
                contactId, purpose.purposeId(), purpose.version(), command.sourceId(), command.reason()));
    }

    @CommandHandler
    void handle(DocumentLegalBasis command, Catalog catalog) {
        requireNotForgotten();
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
        requireNotForgotten();
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

    /**
     * One row of an import. Every rule is checked before anything is applied, so a refused row records nothing and
     * the import's transaction goes on with the next row: a refusal is answered, not thrown. What the ledger holds
     * already is not recorded again, and a missing value never erases or overwrites a stored one.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    ImportOutcome handle(ImportContact row, Catalog catalog, Clock clock, ErasureJournal erasures) {
        boolean registered = contactId != null;
        SourceRules registrationSource;
        try {
            ImportRules.check(row, catalog, clock);
            registrationSource = registered ? null : importableNewContact(row, catalog, erasures);
            if (registered) {
                requireNotForgotten();
            }
            if (row.hasStanding()) {
                checkImportedStanding(row, catalog);
            }
        } catch (Rejection rejection) {
            return ImportRules.refused(rejection);
        }
        boolean recorded = false;
        if (registrationSource == null) {
            String newName = row.name() == null ? name : row.name();
            String newEmail = row.email() == null ? email : row.email();
            if (!newName.equals(name) || !newEmail.equals(email)) {
                apply(new ContactDetailsUpdated(contactId, newName, newEmail));
                recorded = true;
            }
        } else {
            registerImported(row, catalog);
            recorded = true;
        }
        ImportedStanding standing = row.hasStanding() ? importStanding(row, catalog, clock) : ImportedStanding.HELD;
        recorded |= standing != ImportedStanding.HELD;
        boolean granted = standing == ImportedStanding.GRANTED;
        if (row.sendConfirmation()) {
            if (registrationSource != null && registrationSource.sendConfirmation()) {
                requestConfirmationEmail(ConfirmationTrigger.REGISTERED, catalog, null);
            } else if (granted
                    && catalog.existingPurpose(row.purposeId()).sendConfirmation()
                    && catalog.existingSource(row.sourceId()).sendConfirmation()) {
                requestConfirmationEmail(ConfirmationTrigger.CONSENT_GIVEN, catalog, null);
            }
        }
        return recorded ? ImportOutcome.IMPORTED : ImportOutcome.SKIPPED;
    }

    /** The source a contact the ledger does not know yet is registered from, once the row may register it. */
    private static SourceRules importableNewContact(ImportContact row, Catalog catalog, ErasureJournal erasures) {
        // An erased id is never registered again; the journal knows it even where a restored store does not.
        if (erasures.holds(row.contactId())) {
            throw new ContactIsErased(row.contactId());
        }
        if (row.name() == null || row.email() == null || row.sourceId() == null) {
            throw new InvalidCommand(
                    row.name() == null ? "name" : row.email() == null ? "email" : "sourceId",
                    "A contact the ledger does not know yet needs a name, an email and a sourceId.");
        }
        return catalog.activeSource(row.sourceId());
    }

    /** The rules of the row's standing that depend on what the ledger holds. */
    private void checkImportedStanding(ImportContact row, Catalog catalog) {
        Standing standing = standings.get(row.purposeId());
        if (row.basis() != LegalBasis.CONSENT && row.standingStatus() == StandingStatus.ENDED) {
            boolean otherBasisInForce = standing != null && standing.inForce() && standing.basis() != row.basis();
            if (otherBasisInForce) {
                throw new LegalBasisNotInForce(
                        row.contactId(), row.purposeId(), " (the ledger holds another legal basis in force)");
            }
            boolean documentedFirst = standing == null || standing.basis() != row.basis();
            if (documentedFirst && catalog.existingPurpose(row.purposeId()).requiresConsent()) {
                throw new ConsentRequired(row.purposeId());
            }
        }
    }

    private void registerImported(ImportContact row, Catalog catalog) {
        apply(new ContactRegistered(
                row.contactId(), row.name(), row.email(), row.sourceId(), row.sourceDetail(), row.locale()));
        for (PurposeRules purpose : catalog.purposesWithDefaultLegalBasis()) {
            apply(new LegalBasisDocumented(
                    row.contactId(),
                    purpose.purposeId(),
                    purpose.version(),
                    purpose.defaultLegalBasis(),
                    row.sourceId(),
                    null,
                    DEFAULT_BASIS_NOTE));
        }
    }

    /** What an imported standing recorded: nothing (the ledger held it), a consent given, or another change. */
    private enum ImportedStanding {
        HELD,
        GRANTED,
        CHANGED
    }

    /** Records the row's standing unless the ledger holds it already. The rules were checked before. */
    private ImportedStanding importStanding(ImportContact row, Catalog catalog, Clock clock) {
        Standing standing = standings.get(row.purposeId());
        PurposeRules purpose = catalog.existingPurpose(row.purposeId());
        if (row.basis() == LegalBasis.CONSENT) {
            boolean consentGiven = standing != null && (standing.consentInForce() || standing.pending() != null);
            if (row.standingStatus() == StandingStatus.GRANTED) {
                if (standing != null && standing.consentInForce()) {
                    return ImportedStanding.HELD;
                }
                grantImported(row, purpose, clock);
                return ImportedStanding.GRANTED;
            }
            boolean withdrawnAlready = standing != null && standing.basis() == LegalBasis.CONSENT && !consentGiven;
            if (withdrawnAlready) {
                return ImportedStanding.HELD;
            }
            if (!consentGiven && row.capturedAt() != null) {
                // The consent the CRM knows as withdrawn was given at capturedAt: that is kept as its valid time.
                grantImported(row, purpose, clock);
            }
            apply(new ConsentWithdrawn(contactId, purpose.purposeId(), purpose.version(), row.sourceId(), null));
            return ImportedStanding.CHANGED;
        }
        boolean sameBasis = standing != null && standing.basis() == row.basis();
        if (row.standingStatus() == StandingStatus.GRANTED) {
            if (sameBasis && standing.inForce()) {
                return ImportedStanding.HELD;
            }
            documentImported(row, purpose);
            return ImportedStanding.CHANGED;
        }
        if (sameBasis && !standing.inForce()) {
            return ImportedStanding.HELD;
        }
        if (!sameBasis) {
            documentImported(row, purpose);
        }
        apply(new LegalBasisEnded(contactId, purpose.purposeId(), purpose.version(), row.basis(), null));
        return ImportedStanding.CHANGED;
    }

    private void grantImported(ImportContact row, PurposeRules purpose, Clock clock) {
        Evidence evidence = row.evidenceText() == null && row.formUrl() == null
                ? null
                : withTextHash(new Evidence(row.evidenceText(), null, row.formUrl(), null, null));
        apply(new ConsentGranted(
                contactId,
                purpose.purposeId(),
                purpose.version(),
                row.sourceId(),
                row.sourceDetail(),
                row.capturedAt() == null ? clock.instant() : row.capturedAt(),
                row.validUntil(),
                evidence));
    }

    private void documentImported(ImportContact row, PurposeRules purpose) {
        apply(new LegalBasisDocumented(
                contactId,
                purpose.purposeId(),
                purpose.version(),
                row.basis(),
                row.sourceId(),
                row.sourceDetail(),
                null));
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
    void on(ContactErased event) {
        erased = true;
        name = null;
        email = null;
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
    void on(ConsentConfirmationRequested event) {
        consentConfirmations++;
        standings.put(
                event.purposeId(),
                new Standing(LegalBasis.CONSENT, event.purposeVersion(), false, event.confirmationId(), null));
    }

    @EventSourcingHandler
    void on(ConsentConfirmed event) {
        standings.put(
                event.purposeId(),
                new Standing(LegalBasis.CONSENT, event.purposeVersion(), true, null, event.confirmationId()));
    }

    @EventSourcingHandler
    void on(ConsentLapsed event) {
        standings.put(event.purposeId(), new Standing(LegalBasis.CONSENT, event.purposeVersion(), false));
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
