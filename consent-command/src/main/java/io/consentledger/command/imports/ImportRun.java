package io.consentledger.command.imports;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.consentledger.api.StreamIds;
import io.consentledger.api.imports.ImportChunkProcessed;
import io.consentledger.api.imports.ImportFinished;
import io.consentledger.api.imports.ImportStarted;
import io.consentledger.api.imports.RecordImportChunk;
import io.consentledger.api.imports.StartImport;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One import's run: which chunk is next and whether it is finished. A chunk recorded twice (a processor that takes
 * over repeats the chunk it did not commit) is recorded once.
 */
@Aggregate(repository = "importRunRepository", commandTargetResolver = "importTargetResolver")
class ImportRun {

    @AggregateIdentifier
    private String streamId;

    private String importId;
    private int chunks;
    private boolean finished;

    ImportRun() {
        // for Axon's event sourcing
    }

    @CommandHandler
    ImportRun(StartImport command) {
        apply(new ImportStarted(command.importId(), command.total(), command.staged()));
    }

    @CommandHandler
    void handle(RecordImportChunk command) {
        if (finished || command.chunk() != chunks + 1) {
            return;
        }
        if (command.last()) {
            apply(new ImportFinished(importId, command.chunk()));
        } else {
            apply(new ImportChunkProcessed(importId, command.chunk(), command.lastRow()));
        }
    }

    @EventSourcingHandler
    void on(ImportStarted event) {
        streamId = StreamIds.importRun(event.importId());
        importId = event.importId();
    }

    @EventSourcingHandler
    void on(ImportChunkProcessed event) {
        chunks = event.chunk();
    }

    @EventSourcingHandler
    void on(ImportFinished event) {
        chunks = event.chunks();
        finished = true;
    }
}
