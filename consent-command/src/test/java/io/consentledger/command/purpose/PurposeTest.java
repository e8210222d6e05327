package io.consentledger.command.purpose;

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
import io.consentledger.command.RecordTargetResolver;
import io.consentledger.command.catalog.PurposeIsRetired;
import java.time.Period;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PurposeTest {

    private static final PurposeTerms NEWSLETTER = new PurposeTerms(
            "Newsletter",
            "Monthly news",
            "Yes, send me news",
            "https://example.com/privacy",
            true,
            true,
            false,
            null,
            Period.ofYears(1));
    private static final PurposeTerms NEWSLETTER_V2 = new PurposeTerms(
            "Newsletter",
            "Weekly news",
            "Yes, send me news every week",
            null,
            true,
            true,
            true,
            null,
            Period.ofYears(1));

    private FixtureConfiguration<Purpose> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Purpose.class);
        fixture.registerCommandTargetResolver(new RecordTargetResolver(StreamIds.PURPOSE));
    }

    @Test
    void definesPurposeAtVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new DefinePurpose("newsletter", NEWSLETTER))
                .expectEvents(new PurposeDefined("newsletter", 1, NEWSLETTER));
    }

    @Test
    void rejectsConsentAsDefaultLegalBasis() {
        PurposeTerms terms = new PurposeTerms("Sales", null, null, null, false, false, false, LegalBasis.CONSENT, null);
        fixture.givenNoPriorActivity()
                .when(new DefinePurpose("sales", terms))
                .expectException(InvalidCommand.class)
                .expectNoEvents();
    }

    @Test
    void rejectsDefaultLegalBasisOnPurposeThatRequiresConsent() {
        PurposeTerms terms =
                new PurposeTerms("Mail", null, null, null, true, false, false, LegalBasis.LEGITIMATE_INTERESTS, null);
        fixture.givenNoPriorActivity()
                .when(new DefinePurpose("mail", terms))
                .expectException(InvalidCommand.class)
                .expectNoEvents();
    }

    @Test
    void rejectsRetentionOfZero() {
        PurposeTerms terms = new PurposeTerms("Mail", null, null, null, true, false, false, null, Period.ZERO);
        fixture.givenNoPriorActivity()
                .when(new DefinePurpose("mail", terms))
                .expectException(InvalidCommand.class)
                .expectNoEvents();
    }

    @Test
    void revisionGetsTheNextVersion() {
        fixture.given(new PurposeDefined("newsletter", 1, NEWSLETTER), new PurposeRevised("newsletter", 2, NEWSLETTER))
                .when(new RevisePurpose("newsletter", NEWSLETTER_V2))
                .expectEvents(new PurposeRevised("newsletter", 3, NEWSLETTER_V2));
    }

    @Test
    void retiresPurposeInItsCurrentVersion() {
        fixture.given(new PurposeDefined("newsletter", 1, NEWSLETTER))
                .when(new RetirePurpose("newsletter", "No more newsletters"))
                .expectEvents(new PurposeRetired("newsletter", 1, "No more newsletters"));
    }

    @Test
    void rejectsRevisionOfRetiredPurpose() {
        fixture.given(new PurposeDefined("newsletter", 1, NEWSLETTER), new PurposeRetired("newsletter", 1, null))
                .when(new RevisePurpose("newsletter", NEWSLETTER_V2))
                .expectException(PurposeIsRetired.class)
                .expectNoEvents();
    }

    @Test
    void rejectsRetiringTwice() {
        fixture.given(new PurposeDefined("newsletter", 1, NEWSLETTER), new PurposeRetired("newsletter", 1, null))
                .when(new RetirePurpose("newsletter", null))
                .expectException(PurposeIsRetired.class)
                .expectNoEvents();
    }
}
