package io.consentledger.command.legalbasis;

import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisNamed;
import io.consentledger.api.consent.NameLegalBasis;
import io.consentledger.command.InvalidCommand;
import io.consentledger.command.RecordTargetResolver;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LegalBasisNamingTest {

    private FixtureConfiguration<LegalBasisNaming> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(LegalBasisNaming.class);
        fixture.registerCommandTargetResolver(new RecordTargetResolver(StreamIds.LEGAL_BASIS));
    }

    @Test
    void namesABasisTheFirstTime() {
        fixture.givenNoPriorActivity()
                .when(new NameLegalBasis(LegalBasis.LEGITIMATE_INTERESTS, "  Legitimate interest (Art. 6(1)(f))  "))
                .expectEvents(
                        new LegalBasisNamed(LegalBasis.LEGITIMATE_INTERESTS, "Legitimate interest (Art. 6(1)(f))"));
    }

    @Test
    void renamesANamedBasis() {
        fixture.given(new LegalBasisNamed(LegalBasis.CONTRACT, "Agreement"))
                .when(new NameLegalBasis(LegalBasis.CONTRACT, "Customer contract"))
                .expectEvents(new LegalBasisNamed(LegalBasis.CONTRACT, "Customer contract"));
    }

    @Test
    void theNameItAlreadyHasRecordsNothing() {
        fixture.given(new LegalBasisNamed(LegalBasis.CONTRACT, "Agreement"))
                .when(new NameLegalBasis(LegalBasis.CONTRACT, "Agreement"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void theStandardNameOfAnUnnamedBasisRecordsNothing() {
        // Nothing is stored, so there is nothing the fixture could reload to compare states with.
        fixture.setReportIllegalStateChange(false);
        fixture.givenNoPriorActivity()
                .when(new NameLegalBasis(LegalBasis.CONTRACT, "Contract"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void refusesABlankOrOverlongName() {
        fixture.givenNoPriorActivity()
                .when(new NameLegalBasis(LegalBasis.CONTRACT, "   "))
                .expectException(InvalidCommand.class)
                .expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new NameLegalBasis(LegalBasis.CONTRACT, "x".repeat(201)))
                .expectException(InvalidCommand.class)
                .expectNoEvents();
    }
}
