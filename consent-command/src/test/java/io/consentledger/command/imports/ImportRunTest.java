package io.consentledger.command.imports;

import io.consentledger.api.StreamIds;
import io.consentledger.api.imports.ImportChunkProcessed;
import io.consentledger.api.imports.ImportFinished;
import io.consentledger.api.imports.ImportStarted;
import io.consentledger.api.imports.RecordImportChunk;
import io.consentledger.api.imports.StartImport;
import io.consentledger.command.RecordTargetResolver;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImportRunTest {

    private static final ImportStarted STARTED = new ImportStarted("i-1", 1200, 1000);

    private FixtureConfiguration<ImportRun> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(ImportRun.class);
        fixture.registerCommandTargetResolver(new RecordTargetResolver(StreamIds.IMPORT));
    }

    @Test
    void startsAnImport() {
        fixture.givenNoPriorActivity().when(new StartImport("i-1", 1200, 1000)).expectEvents(STARTED);
    }

    @Test
    void recordsTheNextChunk() {
        fixture.given(STARTED)
                .when(new RecordImportChunk("i-1", 1, 500, false))
                .expectEvents(new ImportChunkProcessed("i-1", 1, 500));
    }

    @Test
    void recordsAChunkDoneAgainOnlyOnce() {
        fixture.given(STARTED, new ImportChunkProcessed("i-1", 1, 500))
                .when(new RecordImportChunk("i-1", 1, 500, false))
                .expectNoEvents();
    }

    @Test
    void finishesWithTheLastChunk() {
        fixture.given(STARTED, new ImportChunkProcessed("i-1", 1, 500))
                .when(new RecordImportChunk("i-1", 2, 1200, true))
                .expectEvents(new ImportFinished("i-1", 2));
    }

    @Test
    void recordsNothingAfterItFinished() {
        fixture.given(STARTED, new ImportFinished("i-1", 1))
                .when(new RecordImportChunk("i-1", 2, 1200, true))
                .expectNoEvents();
    }
}
