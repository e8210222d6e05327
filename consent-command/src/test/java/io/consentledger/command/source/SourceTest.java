package io.consentledger.command.source;

import io.consentledger.api.StreamIds;
import io.consentledger.api.source.BuiltInSources;
import io.consentledger.api.source.DefineSource;
import io.consentledger.api.source.RetireSource;
import io.consentledger.api.source.SourceDefined;
import io.consentledger.api.source.SourceRetired;
import io.consentledger.command.InvalidCommand;
import io.consentledger.command.RecordTargetResolver;
import io.consentledger.command.catalog.SourceIsRetired;
import io.consentledger.command.confirmation.MailSettings;
import io.consentledger.command.confirmation.MailTemplates;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticMessageSource;

class SourceTest {

    private FixtureConfiguration<Source> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Source.class);
        fixture.registerCommandTargetResolver(new RecordTargetResolver(StreamIds.SOURCE));
        fixture.registerInjectableResource(new MailTemplates(
                new MailSettings(null, null, null, null, null, null, null, null), new StaticMessageSource()));
    }

    @Test
    void definesSource() {
        fixture.givenNoPriorActivity()
                .when(new DefineSource("trade-fair", "Trade fair", "Met at a trade fair", true, null))
                .expectEvents(new SourceDefined("trade-fair", "Trade fair", "Met at a trade fair", true, null));
    }

    @Test
    void definesSourceWithAnEmailTemplateThatExists() {
        fixture.givenNoPriorActivity()
                .when(new DefineSource("trade-fair", "Trade fair", null, true, "confirmation"))
                .expectEvents(new SourceDefined("trade-fair", "Trade fair", null, true, "confirmation"));
    }

    @Test
    void rejectsAnEmailTemplateThatDoesNotExistOrIsNotAConfirmation() {
        for (String template : new String[] {"no-such-template", MailTemplates.CONFIRM_CONSENT}) {
            fixture.givenNoPriorActivity()
                    .when(new DefineSource("trade-fair", "Trade fair", null, true, template))
                    .expectException(InvalidCommand.class)
                    .expectNoEvents();
        }
    }

    @Test
    void retiresSource() {
        fixture.given(new SourceDefined("trade-fair", "Trade fair", null, false, null))
                .when(new RetireSource("trade-fair"))
                .expectEvents(new SourceRetired("trade-fair"));
    }

    @Test
    void rejectsRetiringTheBuiltInProfilePageSource() {
        fixture.given(new SourceDefined(
                        BuiltInSources.PROFILE_PAGE, "Profile page", "The person's own changes", false, null))
                .when(new RetireSource(BuiltInSources.PROFILE_PAGE))
                .expectException(SourceIsBuiltIn.class)
                .expectNoEvents();
    }

    @Test
    void rejectsRetiringABuiltInSourceThatAnEarlierVersionRetired() {
        fixture.given(
                        new SourceDefined(BuiltInSources.PROFILE_PAGE, "Profile page", null, false, null),
                        new SourceRetired(BuiltInSources.PROFILE_PAGE))
                .when(new RetireSource(BuiltInSources.PROFILE_PAGE))
                .expectException(SourceIsBuiltIn.class)
                .expectNoEvents();
    }

    @Test
    void rejectsRetiringTwice() {
        fixture.given(new SourceDefined("trade-fair", "Trade fair", null, false, null), new SourceRetired("trade-fair"))
                .when(new RetireSource("trade-fair"))
                .expectException(SourceIsRetired.class)
                .expectNoEvents();
    }
}
