package io.consentledger.command.contact;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
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
import io.consentledger.command.catalog.InMemoryCatalog;
import io.consentledger.command.catalog.PurposeIsRetired;
import io.consentledger.command.catalog.PurposeRules;
import io.consentledger.command.catalog.SourceIsRetired;
import io.consentledger.command.catalog.SourceRules;
import io.consentledger.command.catalog.UnknownPurpose;
import io.consentledger.command.catalog.UnknownSource;
import io.consentledger.command.confirmation.MailTemplates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.matchers.Matchers;
import org.hamcrest.CoreMatchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ContactLedgerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final Duration LAPSE_AFTER = Duration.ofDays(7);
    private static final PurposeRules SALES = new PurposeRules(
            "sales-and-service", "Sales and service", 1, true, false, false, false, LegalBasis.LEGITIMATE_INTERESTS);
    private static final PurposeRules MARKETING =
            new PurposeRules("e-marketing", "E-marketing", 3, true, true, true, false, null);
    private static final PurposeRules SURVEYS =
            new PurposeRules("surveys", "Surveys", 2, true, false, false, true, null);
    private static final PurposeRules OLD_CONTEST =
            new PurposeRules("contest", "Contest", 1, false, true, false, false, null);
    private static final ContactRegistered REGISTERED =
            new ContactRegistered("c-1", "Ann Smith", "ann@example.com", "business-card", "Met at the fair", "da");

    private static final Map<String, Object> SELF_SERVICE = Map.of(LedgerMetadata.CHANNEL, Channel.SELF_SERVICE.code());

    private FixtureConfiguration<ContactLedger> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ContactLedger.class);
        fixture.registerInjectableResource(new InMemoryCatalog()
                .purpose(SALES)
                .purpose(MARKETING)
                .purpose(SURVEYS)
                .purpose(OLD_CONTEST)
                .source(new SourceRules("business-card", "Business card", true, false, null))
                .source(new SourceRules("web-form", "Web form", true, true, "web-form"))
                .source(new SourceRules("fax", "Fax", false, false, null)));
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new DoubleOptInSettings(LAPSE_AFTER));
        fixture.registerInjectableResource(new ErasureJournal() {
            @Override
            public void recordErased(String contactId) {
                throw new UnsupportedOperationException("Aggregates never write the journal");
            }

            @Override
            public boolean holds(String contactId) {
                return ERASED_BEFORE_A_RESTORE.equals(contactId);
            }
        });
    }

    /** A contact the erasure journal holds, whom a restored store knows nothing of. */
    private static final String ERASED_BEFORE_A_RESTORE = "c-erased";

    @Test
    void rejectsRegisteringAnIdTheErasureJournalHolds() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact(
                        ERASED_BEFORE_A_RESTORE, "Ann Smith", "ann@example.com", "business-card", null, null))
                .expectException(ContactAlreadyRegistered.class)
                .expectNoEvents();
    }

    @Test
    void registersContactWithDefaultLegalBasisOfEveryPurposeThatHasOne() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact(
                        "c-1", "Ann Smith", "ann@example.com", "business-card", "Met at the fair", "da"))
                .expectEvents(
                        REGISTERED,
                        new LegalBasisDocumented(
                                "c-1",
                                "sales-and-service",
                                1,
                                LegalBasis.LEGITIMATE_INTERESTS,
                                "business-card",
                                null,
                                ContactLedger.DEFAULT_BASIS_NOTE));
    }

    @Test
    void asksForAConfirmationEmailWhenTheSourceSendsOne() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact("c-1", "Ann Smith", "ann@example.com", "web-form", null, "da"))
                .expectEvents(
                        new ContactRegistered("c-1", "Ann Smith", "ann@example.com", "web-form", null, "da"),
                        new LegalBasisDocumented(
                                "c-1",
                                "sales-and-service",
                                1,
                                LegalBasis.LEGITIMATE_INTERESTS,
                                "web-form",
                                null,
                                ContactLedger.DEFAULT_BASIS_NOTE),
                        new ConfirmationEmailRequested(
                                "c-1",
                                "c-1/confirmation-1",
                                ConfirmationTrigger.REGISTERED,
                                "Ann Smith",
                                "ann@example.com",
                                "da",
                                "web-form",
                                List.of(new PurposeNotice(
                                        "sales-and-service", "Sales and service", 1, LegalBasis.LEGITIMATE_INTERESTS)),
                                null,
                                "web-form"));
    }

    @Test
    void resendsTheConfirmationWithTheCurrentDetailsAndBasesInForce() {
        fixture.given(
                        REGISTERED,
                        new ContactDetailsUpdated("c-1", "Ann Jones", "ann.jones@example.com"),
                        granted("e-marketing"),
                        documented("surveys", LegalBasis.CONTRACT),
                        new LegalBasisEnded("c-1", "surveys", 2, LegalBasis.CONTRACT, null))
                .when(new RequestConfirmationEmail("c-1"))
                .expectEvents(new ConfirmationEmailRequested(
                        "c-1",
                        "c-1/confirmation-1",
                        ConfirmationTrigger.RESEND,
                        "Ann Jones",
                        "ann.jones@example.com",
                        "da",
                        "business-card",
                        List.of(new PurposeNotice("e-marketing", "E-marketing", 1, LegalBasis.CONSENT)),
                        null,
                        MailTemplates.STANDARD));
    }

    @Test
    void numbersConfirmationRequestsPerContact() {
        fixture.given(
                        REGISTERED,
                        new ConfirmationEmailRequested(
                                "c-1",
                                "c-1/confirmation-1",
                                ConfirmationTrigger.REGISTERED,
                                "Ann Smith",
                                "ann@example.com",
                                "da",
                                "business-card",
                                List.of(),
                                null,
                                MailTemplates.STANDARD))
                .when(new RequestConfirmationEmail("c-1"))
                .expectEvents(new ConfirmationEmailRequested(
                        "c-1",
                        "c-1/confirmation-2",
                        ConfirmationTrigger.RESEND,
                        "Ann Smith",
                        "ann@example.com",
                        "da",
                        "business-card",
                        List.of(),
                        null,
                        MailTemplates.STANDARD));
    }

    @Test
    void recordsEveryAttemptAtTheConfirmationEmail() {
        Instant next = NOW.plusSeconds(60);
        fixture.given(REGISTERED)
                .when(new RecordConfirmationEmailFailed("c-1", "c-1/confirmation-1", 1, "connection", next))
                .expectEvents(new ConfirmationEmailFailed("c-1", "c-1/confirmation-1", 1, "connection", next));
        fixture.given(REGISTERED)
                .when(new RecordConfirmationEmailSent("c-1", "c-1/confirmation-1", 2))
                .expectEvents(new ConfirmationEmailSent("c-1", "c-1/confirmation-1", 2));
    }

    @Test
    void rejectsRegistrationFromUnknownSource() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact("c-1", "Ann", "ann@example.com", "carrier-pigeon", null, null))
                .expectException(UnknownSource.class)
                .expectNoEvents();
    }

    @Test
    void rejectsRegistrationFromRetiredSource() {
        fixture.givenNoPriorActivity()
                .when(new RegisterContact("c-1", "Ann", "ann@example.com", "fax", null, null))
                .expectException(SourceIsRetired.class)
                .expectNoEvents();
    }

    @Test
    void updatesContactDetails() {
        fixture.given(REGISTERED)
                .when(new UpdateContactDetails("c-1", "Ann Jones", "ann.jones@example.com"))
                .expectEvents(new ContactDetailsUpdated("c-1", "Ann Jones", "ann.jones@example.com"));
    }

    @Test
    void grantsConsentUnderCurrentPurposeVersionAndHashesTheTextShown() {
        Instant captured = NOW.minus(Duration.ofMinutes(5));
        Instant validUntil = NOW.plus(Duration.ofDays(365));
        Evidence shown = new Evidence(
                "Yes, send me offers by email.", null, "https://example.com/signup", "203.0.113.9", "Firefox");
        fixture.given(REGISTERED)
                .when(new GrantConsent(
                        "c-1", "e-marketing", "web-form", "Signup form", captured, validUntil, shown, null))
                .expectEvents(new ConsentGranted(
                        "c-1",
                        "e-marketing",
                        3,
                        "web-form",
                        "Signup form",
                        captured,
                        validUntil,
                        new Evidence(
                                "Yes, send me offers by email.",
                                "432cdc4003584eb2c16ae872cf9e3f57d842544d0a57841b93b47ce2e6200cb3",
                                "https://example.com/signup",
                                "203.0.113.9",
                                "Firefox")));
    }

    @Test
    void capturedAtDefaultsToNow() {
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "e-marketing", "web-form", null, null, null, null, null))
                .expectEvents(new ConsentGranted("c-1", "e-marketing", 3, "web-form", null, NOW, null, null));
    }

    @Test
    void rejectsConsentCapturedInTheFuture() {
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "e-marketing", "web-form", null, NOW.plusSeconds(1), null, null, null))
                .expectException(InvalidCommand.class)
                .expectExceptionMessage("capturedAt lies in the future; consent can only be recorded once given.")
                .expectNoEvents();
    }

    @Test
    void rejectsValidUntilBeforeCapture() {
        fixture.given(REGISTERED)
                .when(new GrantConsent(
                        "c-1",
                        "e-marketing",
                        "web-form",
                        null,
                        NOW.minusSeconds(60),
                        NOW.minusSeconds(120),
                        null,
                        null))
                .expectException(InvalidCommand.class)
                .expectNoEvents();
    }

    @Test
    void rejectsValidUntilInThePast() {
        fixture.given(REGISTERED)
                .when(new GrantConsent(
                        "c-1", "e-marketing", "web-form", null, NOW.minusSeconds(60), NOW.minusSeconds(30), null, null))
                .expectException(InvalidCommand.class)
                .expectNoEvents();
    }

    @Test
    void rejectsConsentForUnknownPurpose() {
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "lottery", "web-form", null, null, null, null, null))
                .expectException(UnknownPurpose.class)
                .expectNoEvents();
    }

    @Test
    void rejectsConsentForRetiredPurpose() {
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "contest", "web-form", null, null, null, null, null))
                .expectException(PurposeIsRetired.class)
                .expectNoEvents();
    }

    @Test
    void rejectsConsentFromRetiredSource() {
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "e-marketing", "fax", null, null, null, null, null))
                .expectException(SourceIsRetired.class)
                .expectNoEvents();
    }

    @Test
    void withdrawsGrantedConsent() {
        fixture.given(REGISTERED, granted("e-marketing"))
                .when(new WithdrawConsent("c-1", "e-marketing", "web-form", "Too many mails"))
                .expectEvents(new ConsentWithdrawn("c-1", "e-marketing", 3, "web-form", "Too many mails"));
    }

    @Test
    void withdrawsConsentForRetiredPurposeToo() {
        fixture.given(REGISTERED, granted("contest"))
                .when(new WithdrawConsent("c-1", "contest", "web-form", null))
                .expectEvents(new ConsentWithdrawn("c-1", "contest", 1, "web-form", null));
    }

    @Test
    void withdrawsConsentThroughARetiredSourceToo() {
        fixture.given(REGISTERED, granted("e-marketing"))
                .when(new WithdrawConsent("c-1", "e-marketing", "fax", "Sent by fax"))
                .expectEvents(new ConsentWithdrawn("c-1", "e-marketing", 3, "fax", "Sent by fax"));
    }

    @Test
    void rejectsWithdrawalThroughAnUnknownSource() {
        fixture.given(REGISTERED, granted("e-marketing"))
                .when(new WithdrawConsent("c-1", "e-marketing", "pigeon", null))
                .expectException(UnknownSource.class)
                .expectNoEvents();
    }

    @Test
    void endsALegitimateInterestWhateverSourcesAreRetired() {
        fixture.given(REGISTERED, documented("surveys", LegalBasis.LEGITIMATE_INTERESTS))
                .when(new EndLegalBasis("c-1", "surveys", "Objection (Art. 21)"))
                .expectEvents(new LegalBasisEnded(
                        "c-1", "surveys", 2, LegalBasis.LEGITIMATE_INTERESTS, "Objection (Art. 21)"));
    }

    @Test
    void rejectsDocumentingFromRetiredSource() {
        fixture.given(REGISTERED)
                .when(new DocumentLegalBasis("c-1", "surveys", LegalBasis.CONTRACT, "fax", null))
                .expectException(SourceIsRetired.class)
                .expectNoEvents();
    }

    @Test
    void rejectsWithdrawalOfConsentNeverGiven() {
        fixture.given(REGISTERED)
                .when(new WithdrawConsent("c-1", "e-marketing", "web-form", null))
                .expectException(ConsentNotGranted.class)
                .expectNoEvents();
    }

    @Test
    void rejectsSecondWithdrawal() {
        fixture.given(
                        REGISTERED,
                        granted("e-marketing"),
                        new ConsentWithdrawn("c-1", "e-marketing", 3, "web-form", null))
                .when(new WithdrawConsent("c-1", "e-marketing", "web-form", null))
                .expectException(ConsentNotGranted.class)
                .expectNoEvents();
    }

    @Test
    void rejectsWithdrawalOfLegalBasisThatIsNotConsent() {
        fixture.given(REGISTERED, documented("surveys", LegalBasis.CONTRACT))
                .when(new WithdrawConsent("c-1", "surveys", "web-form", null))
                .expectException(ConsentNotGranted.class)
                .expectNoEvents();
    }

    @Test
    void documentsLegalBasisOtherThanConsent() {
        fixture.given(REGISTERED)
                .when(new DocumentLegalBasis("c-1", "surveys", LegalBasis.CONTRACT, "web-form", "Order 42"))
                .expectEvents(new LegalBasisDocumented(
                        "c-1", "surveys", 2, LegalBasis.CONTRACT, "web-form", null, "Order 42"));
    }

    @Test
    void rejectsDocumentingConsent() {
        fixture.given(REGISTERED)
                .when(new DocumentLegalBasis("c-1", "surveys", LegalBasis.CONSENT, "web-form", null))
                .expectException(InvalidCommand.class)
                .expectNoEvents();
    }

    @Test
    void rejectsOtherLegalBasisForPurposeThatRequiresConsent() {
        fixture.given(REGISTERED)
                .when(new DocumentLegalBasis("c-1", "e-marketing", LegalBasis.LEGITIMATE_INTERESTS, "web-form", null))
                .expectException(ConsentRequired.class)
                .expectNoEvents();
    }

    @Test
    void rejectsDocumentingForRetiredPurpose() {
        fixture.given(REGISTERED)
                .when(new DocumentLegalBasis("c-1", "contest", LegalBasis.CONTRACT, "web-form", null))
                .expectException(PurposeIsRetired.class)
                .expectNoEvents();
    }

    @Test
    void endsDocumentedLegalBasis() {
        fixture.given(REGISTERED, documented("surveys", LegalBasis.CONTRACT))
                .when(new EndLegalBasis("c-1", "surveys", "Contract ended"))
                .expectEvents(new LegalBasisEnded("c-1", "surveys", 2, LegalBasis.CONTRACT, "Contract ended"));
    }

    @Test
    void rejectsEndingLegalBasisNeverDocumented() {
        fixture.given(REGISTERED)
                .when(new EndLegalBasis("c-1", "surveys", null))
                .expectException(LegalBasisNotInForce.class)
                .expectNoEvents();
    }

    @Test
    void rejectsEndingLegalBasisTwice() {
        fixture.given(
                        REGISTERED,
                        documented("surveys", LegalBasis.CONTRACT),
                        new LegalBasisEnded("c-1", "surveys", 2, LegalBasis.CONTRACT, null))
                .when(new EndLegalBasis("c-1", "surveys", null))
                .expectException(LegalBasisNotInForce.class)
                .expectNoEvents();
    }

    @Test
    void rejectsEndingConsentInsteadOfWithdrawingIt() {
        fixture.given(REGISTERED, granted("e-marketing"))
                .when(new EndLegalBasis("c-1", "e-marketing", null))
                .expectException(LegalBasisNotInForce.class)
                .expectNoEvents();
    }

    @Test
    void sendsAnEmailAboutANewConsentWhenPurposeAndSourceSendThem() {
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "surveys", "web-form", null, null, null, null, null))
                .expectEvents(
                        new ConsentGranted("c-1", "surveys", 2, "web-form", null, NOW, null, null),
                        new ConfirmationEmailRequested(
                                "c-1",
                                "c-1/confirmation-1",
                                ConfirmationTrigger.CONSENT_GIVEN,
                                "Ann Smith",
                                "ann@example.com",
                                "da",
                                "business-card",
                                List.of(new PurposeNotice("surveys", "Surveys", 2, LegalBasis.CONSENT)),
                                null,
                                MailTemplates.STANDARD));
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "surveys", "business-card", null, null, null, null, null))
                .expectEvents(new ConsentGranted("c-1", "surveys", 2, "business-card", null, NOW, null, null));
    }

    @Test
    void consentToBeConfirmedWaitsAndAsksForTheConfirmationEmail() {
        Evidence shown = new Evidence("Yes, send me offers.", null, null, null, null);
        Evidence hashed = new Evidence("Yes, send me offers.", Sha256.hex("Yes, send me offers."), null, null, null);
        Instant lapsesAt = NOW.plus(LAPSE_AFTER);
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "e-marketing", "web-form", "Signup", null, null, shown, ConfirmBy.EMAIL))
                .expectEvents(
                        new ConsentConfirmationRequested(
                                "c-1",
                                "e-marketing",
                                3,
                                "consent-1",
                                ConfirmBy.EMAIL,
                                "web-form",
                                "Signup",
                                NOW,
                                null,
                                hashed,
                                lapsesAt),
                        new ConfirmationEmailRequested(
                                "c-1",
                                "c-1/confirmation-1",
                                ConfirmationTrigger.CONSENT_TO_CONFIRM,
                                "Ann Smith",
                                "ann@example.com",
                                "da",
                                "business-card",
                                List.of(),
                                new ConsentToConfirm(
                                        "e-marketing", "E-marketing", "consent-1", "Yes, send me offers.", lapsesAt),
                                MailTemplates.CONFIRM_CONSENT))
                .expectScheduledDeadline(lapsesAt, new ContactLedger.LapseDue("e-marketing", "consent-1"));
    }

    @Test
    void consentGivenOnTheProfilePageToAPurposeWithDoubleOptInWaitsForConfirmationByEmail() {
        Instant lapsesAt = NOW.plus(LAPSE_AFTER);
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "e-marketing", "web-form", null, null, null, null, null), SELF_SERVICE)
                .expectEvents(
                        new ConsentConfirmationRequested(
                                "c-1",
                                "e-marketing",
                                3,
                                "consent-1",
                                ConfirmBy.EMAIL,
                                "web-form",
                                null,
                                NOW,
                                null,
                                null,
                                lapsesAt),
                        new ConfirmationEmailRequested(
                                "c-1",
                                "c-1/confirmation-1",
                                ConfirmationTrigger.CONSENT_TO_CONFIRM,
                                "Ann Smith",
                                "ann@example.com",
                                "da",
                                "business-card",
                                List.of(),
                                new ConsentToConfirm("e-marketing", "E-marketing", "consent-1", null, lapsesAt),
                                MailTemplates.CONFIRM_CONSENT))
                .expectScheduledDeadline(lapsesAt, new ContactLedger.LapseDue("e-marketing", "consent-1"))
                .expectResultMessagePayload(StandingStatus.PENDING_CONFIRMATION);
    }

    @Test
    void consentGivenOnTheProfilePageToAPurposeWithoutDoubleOptInCountsAtOnce() {
        fixture.given(REGISTERED)
                .when(new GrantConsent("c-1", "surveys", "business-card", null, null, null, null, null), SELF_SERVICE)
                .expectEvents(new ConsentGranted("c-1", "surveys", 2, "business-card", null, NOW, null, null))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(StandingStatus.GRANTED);
    }

    @Test
    void consentFromAnIntegratorWithoutConfirmByCountsOnItsWordEvenWithDoubleOptIn() {
        fixture.given(REGISTERED)
                .when(
                        new GrantConsent("c-1", "e-marketing", "business-card", null, null, null, null, null),
                        Map.of(LedgerMetadata.CHANNEL, Channel.API.code()))
                .expectEvents(new ConsentGranted("c-1", "e-marketing", 3, "business-card", null, NOW, null, null))
                .expectNoScheduledDeadlines()
                .expectResultMessagePayload(StandingStatus.GRANTED);
    }

    @Test
    void rejectsAskingToConfirmAConsentAlreadyInForce() {
        fixture.given(REGISTERED, granted("e-marketing"))
                .when(new GrantConsent("c-1", "e-marketing", "web-form", null, null, null, null, ConfirmBy.EMAIL))
                .expectException(ConsentAlreadyGranted.class)
                .expectNoEvents()
                .expectNoScheduledDeadlines();
    }

    @Test
    void confirmsAConsentThatWaits() {
        fixture.given(REGISTERED, toConfirm("consent-1"))
                .when(new ConfirmConsent("c-1", "e-marketing", "consent-1"))
                .expectEvents(new ConsentConfirmed("c-1", "e-marketing", 3, "consent-1"));
    }

    @Test
    void confirmingTwiceChangesNothing() {
        fixture.given(REGISTERED, toConfirm("consent-1"), new ConsentConfirmed("c-1", "e-marketing", 3, "consent-1"))
                .when(new ConfirmConsent("c-1", "e-marketing", "consent-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsConfirmationThatNoLongerWaits() {
        fixture.given(REGISTERED, toConfirm("consent-1"), toConfirm("consent-2"))
                .when(new ConfirmConsent("c-1", "e-marketing", "consent-1"))
                .expectException(ConfirmationNotPending.class)
                .expectNoEvents();
        fixture.given(
                        REGISTERED,
                        toConfirm("consent-1"),
                        new ConsentWithdrawn("c-1", "e-marketing", 3, "profile-page", null))
                .when(new ConfirmConsent("c-1", "e-marketing", "consent-1"))
                .expectException(ConfirmationNotPending.class)
                .expectNoEvents();
        fixture.given(REGISTERED, toConfirm("consent-1"), new ConsentLapsed("c-1", "e-marketing", 3, "consent-1"))
                .when(new ConfirmConsent("c-1", "e-marketing", "consent-1"))
                .expectException(ConfirmationNotPending.class)
                .expectNoEvents();
    }

    @Test
    void withdrawsAConsentThatWaitsForConfirmation() {
        fixture.given(REGISTERED, toConfirm("consent-1"))
                .when(new WithdrawConsent("c-1", "e-marketing", "web-form", null))
                .expectEvents(new ConsentWithdrawn("c-1", "e-marketing", 3, "web-form", null));
    }

    @Test
    void anUnconfirmedConsentLapsesWhenItsDeadlineComes() {
        fixture.given(REGISTERED)
                .andGivenCommands(
                        new GrantConsent("c-1", "e-marketing", "web-form", null, null, null, null, ConfirmBy.EMAIL))
                .whenThenTimeElapses(LAPSE_AFTER.plusMinutes(1))
                .expectTriggeredDeadlinesWithName(ContactLedger.LAPSE)
                .expectEvents(new ConsentLapsed("c-1", "e-marketing", 3, "consent-1"));
    }

    @Test
    void aConfirmedConsentDoesNotLapse() {
        fixture.given(REGISTERED)
                .andGivenCommands(
                        new GrantConsent("c-1", "e-marketing", "web-form", null, null, null, null, ConfirmBy.EMAIL),
                        new ConfirmConsent("c-1", "e-marketing", "consent-1"))
                .whenThenTimeElapses(LAPSE_AFTER.plusMinutes(1))
                .expectTriggeredDeadlinesWithName(ContactLedger.LAPSE)
                .expectNoEvents();
    }

    @Test
    void forgetsAContactOnceAndThenRecordsNothingNewAboutThem() {
        fixture.given(REGISTERED, granted("e-marketing"))
                .when(new EraseContact("c-1"))
                .expectEvents(new ContactErased("c-1"));
        fixture.given(REGISTERED, new ContactErased("c-1"))
                .when(new EraseContact("c-1"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
        fixture.given(REGISTERED, new ContactErased("c-1"))
                .when(new GrantConsent("c-1", "e-marketing", "web-form", null, null, null, null, null))
                .expectException(ContactIsErased.class)
                .expectNoEvents();
        fixture.given(REGISTERED, new ContactErased("c-1"))
                .when(new UpdateContactDetails("c-1", "Ann Jones", "ann.jones@example.com"))
                .expectException(ContactIsErased.class)
                .expectNoEvents();
    }

    @Test
    void aConsentWaitingForAForgottenContactDoesNotLapseIntoTheHistory() {
        fixture.given(REGISTERED)
                .andGivenCommands(
                        new GrantConsent("c-1", "e-marketing", "web-form", null, null, null, null, ConfirmBy.EMAIL),
                        new EraseContact("c-1"))
                .whenThenTimeElapses(LAPSE_AFTER.plusMinutes(1))
                .expectTriggeredDeadlinesWithName(ContactLedger.LAPSE)
                .expectNoEvents();
    }

    private static ConsentConfirmationRequested toConfirm(String confirmationId) {
        return new ConsentConfirmationRequested(
                "c-1",
                "e-marketing",
                3,
                confirmationId,
                ConfirmBy.EMAIL,
                "web-form",
                null,
                NOW,
                null,
                null,
                NOW.plus(LAPSE_AFTER));
    }

    private static ConsentGranted granted(String purposeId) {
        return new ConsentGranted("c-1", purposeId, 1, "web-form", null, NOW.minusSeconds(600), null, null);
    }

    /** One import row for c-1; a {@code null} is a blank cell. */
    private static ImportContact importRow(
            String name,
            String email,
            String sourceId,
            String purposeId,
            LegalBasis basis,
            StandingStatus status,
            Instant capturedAt,
            boolean sendConfirmation) {
        return new ImportContact(
                "c-1",
                name,
                email,
                sourceId,
                null,
                null,
                purposeId,
                basis,
                status,
                capturedAt,
                null,
                null,
                null,
                sendConfirmation);
    }

    private static final Instant CAPTURED = Instant.parse("2024-03-01T12:00:00Z");

    @Test
    void importRegistersAnUnknownContactWithItsDefaultBasesAndItsConsentAsGivenThenWithoutAnEmail() {
        fixture.givenNoPriorActivity()
                .when(importRow("Ann Smith", "ann@example.com", "web-form", "e-marketing", null, null, CAPTURED, false))
                .expectEvents(
                        new ContactRegistered("c-1", "Ann Smith", "ann@example.com", "web-form", null, null),
                        new LegalBasisDocumented(
                                "c-1",
                                "sales-and-service",
                                1,
                                LegalBasis.LEGITIMATE_INTERESTS,
                                "web-form",
                                null,
                                ContactLedger.DEFAULT_BASIS_NOTE),
                        new ConsentGranted("c-1", "e-marketing", 3, "web-form", null, CAPTURED, null, null))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void importRecordsNothingTheLedgerHoldsAlready() {
        fixture.given(REGISTERED, new ConsentGranted("c-1", "e-marketing", 3, "web-form", null, CAPTURED, null, null))
                .when(importRow(
                        "Ann Smith",
                        "ann@example.com",
                        "web-form",
                        "e-marketing",
                        LegalBasis.CONSENT,
                        StandingStatus.GRANTED,
                        NOW,
                        true))
                .expectNoEvents()
                .expectResultMessagePayload(ImportOutcome.SKIPPED);
    }

    @Test
    void importUpdatesAnEmailThatDiffersAndKeepsTheNameOfABlankCell() {
        fixture.given(REGISTERED)
                .when(importRow(null, "ann@example.org", null, null, null, null, null, false))
                .expectEvents(new ContactDetailsUpdated("c-1", "Ann Smith", "ann@example.org"))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void importRefusesAnErasedContactAndRecordsNothing() {
        fixture.given(REGISTERED, new ContactErased("c-1"))
                .when(importRow("Ann Smith", "ann@example.com", "web-form", null, null, null, null, false))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused("contactId", "contact-erased"));
    }

    @Test
    void importRefusesAnUnknownContactWithoutANameAndRecordsNothing() {
        fixture.givenNoPriorActivity()
                .when(importRow(null, "ann@example.com", "web-form", null, null, null, null, false))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused("name", "invalid-request"));
    }

    @Test
    void importRefusesARetiredPurposeAndRecordsNothing() {
        fixture.given(REGISTERED)
                .when(importRow(null, null, "web-form", "contest", null, null, null, false))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused("purposeId", "purpose-retired"));
    }

    @Test
    void importRecordsAWithdrawnConsentItNeverSawAsGivenAtItsTimeThenWithdrawn() {
        fixture.given(REGISTERED)
                .when(importRow(null, null, "web-form", "e-marketing", null, StandingStatus.WITHDRAWN, CAPTURED, false))
                .expectEvents(
                        new ConsentGranted("c-1", "e-marketing", 3, "web-form", null, CAPTURED, null, null),
                        new ConsentWithdrawn("c-1", "e-marketing", 3, "web-form", null))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void importEndsABasisItNeverSawByDocumentingAndEndingIt() {
        fixture.given(REGISTERED)
                .when(importRow(
                        null, null, "web-form", "surveys", LegalBasis.CONTRACT, StandingStatus.ENDED, null, false))
                .expectEvents(
                        new LegalBasisDocumented("c-1", "surveys", 2, LegalBasis.CONTRACT, "web-form", null, null),
                        new LegalBasisEnded("c-1", "surveys", 2, LegalBasis.CONTRACT, null))
                .expectResultMessagePayload(ImportOutcome.IMPORTED);
    }

    @Test
    void importRefusesToEndABasisWhileTheLedgerHoldsAnotherInForce() {
        fixture.given(REGISTERED, documented("surveys", LegalBasis.LEGITIMATE_INTERESTS))
                .when(importRow(
                        null, null, "web-form", "surveys", LegalBasis.CONTRACT, StandingStatus.ENDED, null, false))
                .expectNoEvents()
                .expectResultMessagePayloadMatching(refused("purposeId", "legal-basis-not-in-force"));
    }

    @Test
    void importAsksForTheConfirmationEmailOnlyWhenTheImportSaysSo() {
        fixture.givenNoPriorActivity()
                .when(importRow("Ann Smith", "ann@example.com", "web-form", null, null, null, null, true))
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        CoreMatchers.instanceOf(ContactRegistered.class),
                        CoreMatchers.instanceOf(LegalBasisDocumented.class),
                        CoreMatchers.instanceOf(ConfirmationEmailRequested.class),
                        Matchers.andNoMore())));
    }

    private static org.hamcrest.Matcher<ImportOutcome> refused(String field, String kind) {
        return new org.hamcrest.TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(ImportOutcome outcome) {
                return outcome.result() == ImportOutcome.Result.REFUSED
                        && java.util.Objects.equals(field, outcome.field())
                        && kind.equals(outcome.kind());
            }

            @Override
            public void describeTo(org.hamcrest.Description description) {
                description.appendText("refused " + field + " " + kind);
            }
        };
    }

    private static LegalBasisDocumented documented(String purposeId, LegalBasis basis) {
        return new LegalBasisDocumented("c-1", purposeId, 2, basis, "web-form", null, null);
    }
}
