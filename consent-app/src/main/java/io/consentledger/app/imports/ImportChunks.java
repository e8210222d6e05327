package io.consentledger.app.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.ValueFreeFailure;
import io.consentledger.api.imports.ImportChunkProcessed;
import io.consentledger.api.imports.ImportContact;
import io.consentledger.api.imports.ImportOutcome;
import io.consentledger.api.imports.ImportStarted;
import io.consentledger.api.imports.RecordImportChunk;
import io.consentledger.app.imports.ImportFiles.Refusal;
import io.consentledger.app.imports.ImportJobs.Counts;
import io.consentledger.app.imports.ImportJobs.RowRefusal;
import io.consentledger.app.imports.ImportJobs.StagedRow;
import io.consentledger.app.privacy.ContactKeys;
import io.consentledger.command.EmptyStreams;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

/**
 * Works an import through, one chunk per event of its run: {@code ImportStarted} brings the first chunk, each {@code
 * ImportChunkProcessed} the next. A chunk is one transaction of the {@value #PROCESSING_GROUP} tracking processor:
 * the rows' {@code ImportContact} commands (whose events Axon appends when the chunk commits), the refused rows, the
 * deletion of the processed staged rows, the counts, the run's next event and the processor's token commit together
 * or not at all. A node that stops mid-chunk leaves the token before it, and whichever node claims the processor's
 * single segment next does the chunk again, from the start: nothing is lost or recorded twice, and one node works the
 * imports at a time.
 */
@Component
@ProcessingGroup(ImportChunks.PROCESSING_GROUP)
class ImportChunks {

    static final String PROCESSING_GROUP = "imports";

    private final ImportJobs jobs;
    private final CommandGateway commands;
    private final EmptyStreams emptyStreams;
    private final ContactKeys keys;
    private final ImportSettings settings;
    private final Clock clock;

    ImportChunks(
            ImportJobs jobs,
            CommandGateway commands,
            EmptyStreams emptyStreams,
            ContactKeys keys,
            ImportSettings settings,
            Clock clock) {
        this.jobs = jobs;
        this.commands = commands;
        this.emptyStreams = emptyStreams;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    @EventHandler
    void on(ImportStarted event) {
        process(event.importId(), 1, 0);
    }

    @EventHandler
    void on(ImportChunkProcessed event) {
        process(event.importId(), event.chunk() + 1, event.lastRow());
    }

    private void process(String importId, int chunk, long afterRow) {
        Optional<ImportJobs.Request> found = jobs.request(importId);
        // A chunk counted already (an event read again from the start of the stream) is not done twice.
        if (found.isEmpty()
                || found.get().chunks() >= chunk
                || ImportJobs.FINISHED.equals(found.get().state())) {
            return;
        }
        ImportJobs.Request request = found.get();
        Map<String, Object> metaData = Map.of(
                LedgerMetadata.ACTOR, request.requestedBy(),
                LedgerMetadata.ACTOR_ROLE, request.roles(),
                LedgerMetadata.CHANNEL, Channel.IMPORT.code());
        List<StagedRow> rows = jobs.staged(importId, afterRow, settings.chunkSize());
        List<ImportContact> rowCommands = rows.stream()
                .map(staged -> command(staged, request.sendConfirmation()))
                .toList();
        // One query each for the chunk's contacts instead of one per row: whose ledgers are new, and their keys.
        List<String> contactIds =
                rowCommands.stream().map(ImportContact::contactId).toList();
        emptyStreams.lookUp(contactIds);
        keys.lookUp(contactIds);
        long imported = 0;
        long skipped = 0;
        List<RowRefusal> refusals = new ArrayList<>();
        long lastRow = afterRow;
        for (int i = 0; i < rows.size(); i++) {
            StagedRow staged = rows.get(i);
            ImportContact command = rowCommands.get(i);
            ImportOutcome outcome = commands.sendAndWait(
                    GenericCommandMessage.asCommandMessage(command).andMetaData(metaData));
            switch (outcome.result()) {
                case IMPORTED -> imported++;
                case SKIPPED -> skipped++;
                case REFUSED ->
                    refusals.add(new RowRefusal(
                            staged.number(), new Refusal(outcome.field(), outcome.kind(), outcome.reason())));
            }
            lastRow = staged.number();
        }
        boolean last = rows.size() < settings.chunkSize()
                || jobs.staged(importId, lastRow, 1).isEmpty();
        jobs.refuse(importId, refusals);
        jobs.unstage(importId, lastRow);
        jobs.chunkProcessed(
                importId, chunk, new Counts(rows.size(), imported, skipped, refusals.size()), last, clock.instant());
        commands.sendAndWait(
                GenericCommandMessage.asCommandMessage(new RecordImportChunk(importId, chunk, lastRow, last))
                        .andMetaData(metaData));
    }

    private static ImportContact command(StagedRow staged, boolean sendConfirmation) {
        try {
            return Imports.STAGED_JSON.readValue(staged.json(), ImportRow.class).toCommand(sendConfirmation);
        } catch (JsonProcessingException e) {
            // Never the exception itself: its message may quote the row.
            throw new IllegalStateException(
                    "Staged row " + staged.number() + " cannot be read", ValueFreeFailure.of(e));
        }
    }
}
