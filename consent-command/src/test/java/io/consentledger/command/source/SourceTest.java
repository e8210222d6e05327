package io.consentledger.command.source;

import io.consentledger.api.source.DefineSource;
import io.consentledger.api.source.RetireSource;
import io.consentledger.api.source.SourceDefined;
import io.consentledger.api.source.SourceRetired;
import io.consentledger.command.catalog.SourceIsRetired;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SourceTest {

    private FixtureConfiguration<Source> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Source.class);
    }

    @Test
    void definesSource() {
        fixture.givenNoPriorActivity()
                .when(new DefineSource("trade-fair", "Trade fair", "Met at a trade fair", true))
                .expectEvents(new SourceDefined("trade-fair", "Trade fair", "Met at a trade fair", true));
    }

    @Test
    void retiresSource() {
        fixture.given(new SourceDefined("trade-fair", "Trade fair", null, false))
                .when(new RetireSource("trade-fair"))
                .expectEvents(new SourceRetired("trade-fair"));
    }

    @Test
    void rejectsRetiringTwice() {
        fixture.given(new SourceDefined("trade-fair", "Trade fair", null, false), new SourceRetired("trade-fair"))
                .when(new RetireSource("trade-fair"))
                .expectException(SourceIsRetired.class)
                .expectNoEvents();
    }
}
