package io.consentledger.app.imports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.imports.ImportContact;
import io.consentledger.api.imports.ImportOutcome;
import io.consentledger.api.imports.StartImport;
import io.consentledger.app.imports.ImportFiles.ReadRow;
import io.consentledger.app.imports.ImportFiles.Refusal;
import io.consentledger.app.imports.ImportJobs.Counts;
import io.consentledger.app.imports.ImportJobs.RowRefusal;
import io.consentledger.app.imports.ImportJobs.StagedRow;
import io.consentledger.command.catalog.Catalog;
import io.consentledger.command.contact.ErasureJournal;
import io.consentledger.command.contact.ImportRules;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Receives imports: reads the file row by row, checks each row's fields as the API checks a command's, and either
 * stages it (JDBC batches) or records its refusal. A real import is started by {@code StartImport} in the same
 * transaction as its staged rows, so the 202 means the whole file is durably received and its processing will happen
 * on some node; a dry run also checks the catalog's and the times' rules ({@link ImportRules}) and records nothing in
 * the ledger.
 */
@Component
public class Imports {

    private static final int BATCH = 1000;
    private static final Comparator<ConstraintViolation<ImportRow>> IN_COLUMN_ORDER = Comparator.comparingInt(
            violation -> ImportRow.COLUMNS.indexOf(violation.getPropertyPath().toString()));

    private final ImportJobs jobs;
    private final CommandGateway commands;
    private final Validator validator;
    private final ObjectMapper strictJson;
    /** Writes staged rows: they are ours, so plain JSON. */
    static final ObjectMapper STAGED_JSON = new ObjectMapper();

    private final Catalog catalog;
    private final ErasureJournal erasures;
    private final ImportSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Imports(
            ImportJobs jobs,
            CommandGateway commands,
            Validator validator,
            MappingJackson2HttpMessageConverter requestJson,
            Catalog catalog,
            ErasureJournal erasures,
            ImportSettings settings,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.jobs = jobs;
        this.commands = commands;
        this.validator = validator;
        this.strictJson = requestJson.getObjectMapper();
        this.catalog = catalog;
        this.erasures = erasures;
        this.settings = settings;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /**
     * Reads the whole file and records the import in one transaction; returns it as it stands then. A file that cannot
     * be read at all leaves nothing behind.
     */
    public ImportJob receive(
            InputStream body,
            String mediaType,
            boolean dryRun,
            boolean sendConfirmation,
            String requestedBy,
            String roles) {
        String importId = UUID.randomUUID().toString();
        transactions.executeWithoutResult(status -> {
            Instant now = clock.instant();
            jobs.insert(importId, requestedBy, roles, mediaType, dryRun, sendConfirmation, now);
            Receiving receiving = new Receiving(importId, dryRun, sendConfirmation);
            ImportFiles.read(body, mediaType, strictJson, receiving::accept);
            receiving.flush();
            long waiting = receiving.staged;
            Counts onReading = dryRun
                    ? new Counts(receiving.total, receiving.total - receiving.failed, 0, receiving.failed)
                    : new Counts(receiving.failed, 0, 0, receiving.failed);
            jobs.received(importId, receiving.total, onReading, dryRun, clock.instant());
            if (!dryRun) {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(
                                new StartImport(importId, (int) receiving.total, (int) waiting))
                        .andMetaData(Map.of(LedgerMetadata.CHANNEL, Channel.IMPORT.code())));
            }
        });
        return find(importId).orElseThrow();
    }

    public Optional<ImportJob> find(String importId) {
        return jobs.find(importId, settings.errorsShown());
    }

    /** Writes errors.csv: a header and every refused row; refuses an unknown import. */
    public void writeErrors(String importId, Writer out) {
        if (!jobs.exists(importId)) {
            throw new UnknownImport(importId);
        }
        try {
            out.write("row,field,type,reason\r\n");
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
        jobs.writeErrors(importId, out);
    }

    /** Why a row that could be read breaks the field rules of the API, or empty. */
    Optional<Refusal> fieldRefusal(ImportRow row) {
        Set<ConstraintViolation<ImportRow>> violations = validator.validate(row);
        if (!violations.isEmpty()) {
            ConstraintViolation<ImportRow> first =
                    violations.stream().min(IN_COLUMN_ORDER).orElseThrow();
            return Optional.of(Refusal.invalid(first.getPropertyPath().toString(), first.getMessage()));
        }
        return row.timeProblem().map(problem -> Refusal.invalid(problem[0], problem[1]));
    }

    /** The rows of one upload on their way into the tables, a batch at a time. */
    private final class Receiving {

        private final String importId;
        private final boolean dryRun;
        private final boolean sendConfirmation;
        private final List<StagedRow> staging = new ArrayList<>();
        private final List<RowRefusal> refusals = new ArrayList<>();
        private long total;
        private long failed;
        private long staged;

        Receiving(String importId, boolean dryRun, boolean sendConfirmation) {
            this.importId = importId;
            this.dryRun = dryRun;
            this.sendConfirmation = sendConfirmation;
        }

        void accept(ReadRow read) {
            total++;
            Optional<Refusal> refusal = Optional.ofNullable(read.refusal());
            ImportRow row = read.row() == null ? null : read.row().blanksAsNull();
            if (refusal.isEmpty()) {
                refusal = fieldRefusal(row);
            }
            if (refusal.isEmpty() && dryRun) {
                refusal = ruleRefusal(row.toCommand(sendConfirmation));
            }
            if (refusal.isPresent()) {
                failed++;
                refusals.add(new RowRefusal(read.number(), refusal.get()));
            } else if (!dryRun) {
                staged++;
                staging.add(new StagedRow(read.number(), serialized(row)));
            }
            if (staging.size() >= BATCH || refusals.size() >= BATCH) {
                flush();
            }
        }

        /** What the ledger's own rules say without the contact's ledger: the catalog, the times, erased ids. */
        private Optional<Refusal> ruleRefusal(ImportContact command) {
            Optional<ImportOutcome> refused = ImportRules.refusal(command, catalog, clock);
            if (refused.isEmpty() && erasures.holds(command.contactId())) {
                return Optional.of(new Refusal(
                        "contactId",
                        "contact-erased",
                        "The contact was erased; nothing new can be recorded about them."));
            }
            return refused.map(outcome -> new Refusal(outcome.field(), outcome.kind(), outcome.reason()));
        }

        void flush() {
            jobs.stage(importId, staging);
            jobs.refuse(importId, refusals);
            staging.clear();
            refusals.clear();
        }
    }

    private String serialized(ImportRow row) {
        try {
            return STAGED_JSON.writeValueAsString(row);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An import row could not be written as JSON", e);
        }
    }
}
