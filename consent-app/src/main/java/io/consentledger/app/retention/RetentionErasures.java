package io.consentledger.app.retention;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.RejectionDetails;
import io.consentledger.api.ValueFreeFailure;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.EraseContact;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.retention.ContactWithoutLegalBasis;
import io.consentledger.api.retention.ContactsWithoutLegalBasisPage;
import io.consentledger.api.retention.FindContactsWithoutLegalBasis;
import io.consentledger.command.contact.ErasureJournal;
import io.consentledger.command.contact.ErasureNotJournaled;
import io.consentledger.query.projection.Queries;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs bulk erasures on the node that was asked, one job after the other: one {@code EraseContact} per contact, each
 * its own transaction and journaled (see {@link ErasureJournal}), with the requesting admin as actor. Jobs and their
 * counts live in the database ({@link ErasureJobs}), so every node answers how one is doing; a running job writes a
 * heartbeat, and one whose node stopped shows {@code INTERRUPTED} instead of running for ever.
 */
@Component
class RetentionErasures {

    private static final Logger log = LoggerFactory.getLogger(RetentionErasures.class);
    private static final int PAGE = 500;

    private final CommandGateway commands;
    private final Queries queries;
    private final ErasureJobs jobs;
    private final ErasureJournal journal;
    private final ErasureJobSettings settings;
    private final Clock clock;
    /** This node, as long as it runs: the runner of the jobs it starts. */
    private final String runner = UUID.randomUUID().toString();
    /** One job at a time, in the order asked: erasures share the database with everything else. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-erasures");
        thread.setDaemon(true);
        return thread;
    });

    RetentionErasures(
            CommandGateway commands,
            Queries queries,
            ErasureJobs jobs,
            ErasureJournal journal,
            ErasureJobSettings settings,
            Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.jobs = jobs;
        this.journal = journal;
        this.settings = settings;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
        jobs.interruptAllOf(runner, clock.instant());
    }

    /**
     * Every contact whose retention has run out, in contact id order, as the views know them once they have caught up
     * with everything stored before this call.
     */
    List<String> overdue() {
        Queries read = queries.fresh();
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            ContactsWithoutLegalBasisPage found = read.one(
                            new FindContactsWithoutLegalBasis(true, page, PAGE), ContactsWithoutLegalBasisPage.class)
                    .orElseThrow();
            found.items().stream().map(ContactWithoutLegalBasis::contactId).forEach(ids::add);
            if (found.items().size() < PAGE) {
                return ids;
            }
        }
    }

    /** What erasing the contacts would do, recording nothing. */
    ErasurePlan plan(List<String> contactIds, boolean allOverdue) {
        if (allOverdue) {
            return new ErasurePlan(true, true, contactIds.size(), contactIds, List.of(), List.of());
        }
        Queries read = queries.fresh();
        List<String> erasable = new ArrayList<>();
        List<String> alreadyErased = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String contactId : contactIds) {
            Optional<ContactDetails> contact = read.one(new FindContact(contactId), ContactDetails.class);
            if (contact.isEmpty()) {
                unknown.add(contactId);
            } else if (contact.get().erasedAt() != null) {
                alreadyErased.add(contactId);
            } else {
                erasable.add(contactId);
            }
        }
        return new ErasurePlan(true, false, erasable.size(), erasable, alreadyErased, unknown);
    }

    /**
     * Records a job for the contacts in the current transaction and starts it on this node once that commits. Returns
     * the job as it stands then.
     */
    ErasureJob start(List<String> contactIds, boolean allOverdue, String requestedBy, String roles) {
        String jobId = UUID.randomUUID().toString();
        Instant now = clock.instant();
        jobs.insert(jobId, requestedBy, allOverdue, contactIds.size(), runner, now);
        Map<String, Object> metaData = Map.of(
                LedgerMetadata.ACTOR, requestedBy,
                LedgerMetadata.ACTOR_ROLE, roles,
                LedgerMetadata.CHANNEL, Channel.API.code());
        List<String> targets = List.copyOf(contactIds);
        Runnable run = () -> executor.execute(() -> runOrInterrupt(jobId, targets, metaData));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    run.run();
                }
            });
        } else {
            run.run();
        }
        return new ErasureJob(
                jobId, requestedBy, allOverdue, ErasureJobs.QUEUED, targets.size(), 0, 0, 0, now, null, List.of());
    }

    /** The job, from any node; one whose node stopped writing its heartbeat is marked interrupted first. */
    Optional<ErasureJob> find(String jobId) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(settings.staleAfter());
        jobs.heartbeatOfUnfinished(jobId)
                .filter(heartbeat -> heartbeat.isBefore(staleBefore))
                .ifPresent(heartbeat -> jobs.interruptIfStale(jobId, staleBefore, now));
        return jobs.find(jobId);
    }

    /** Runs the job; when it cannot go on (say, the database is gone), it is marked interrupted where possible. */
    private void runOrInterrupt(String jobId, List<String> contactIds, Map<String, Object> metaData) {
        try {
            run(jobId, contactIds, metaData);
        } catch (RuntimeException e) {
            log.error("Erasure job {} stopped; asking again finishes it", jobId, ValueFreeFailure.of(e));
            try {
                jobs.interrupt(jobId, clock.instant());
            } catch (RuntimeException alsoFailed) {
                // Without a database its heartbeat stops too, so the job shows INTERRUPTED once it is stale.
                log.warn(
                        "Erasure job {} could not be marked interrupted: {}",
                        jobId,
                        ValueFreeFailure.of(alsoFailed).getMessage());
            }
        }
    }

    private void run(String jobId, List<String> contactIds, Map<String, Object> metaData) {
        if (!jobs.begin(jobId, clock.instant())) {
            log.info("Erasure job {} was interrupted before it began", jobId);
            return;
        }
        int processed = 0;
        int erased = 0;
        int failed = 0;
        Instant lastHeartbeat = clock.instant();
        for (String contactId : contactIds) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("Erasure job {} stops with its node after {} of {}", jobId, processed, contactIds.size());
                return;
            }
            Optional<String> problem = erase(contactId, metaData);
            if (problem.isEmpty()) {
                erased++;
            } else {
                failed++;
                if (failed <= ErasureJobs.FAILURES_KEPT) {
                    jobs.failure(jobId, failed, contactId, problem.get());
                }
            }
            processed++;
            Instant now = clock.instant();
            if (!now.isBefore(lastHeartbeat.plus(settings.heartbeat()))) {
                lastHeartbeat = now;
                if (!jobs.progress(jobId, runner, new ErasureJobs.Counts(processed, erased, failed), now)) {
                    log.warn("Erasure job {} was found interrupted; it stops after {}", jobId, processed);
                    return;
                }
            }
        }
        jobs.finish(jobId, new ErasureJobs.Counts(processed, erased, failed), clock.instant());
        log.info("Erasure job {} finished: {} erased, {} failed of {}", jobId, erased, failed, contactIds.size());
    }

    /** Erases one contact and journals it; empty when done, else the problem type slug. */
    private Optional<String> erase(String contactId, Map<String, Object> metaData) {
        try {
            commands.sendAndWait(GenericCommandMessage.asCommandMessage(new EraseContact(contactId))
                    .andMetaData(metaData));
        } catch (AggregateNotFoundException e) {
            return Optional.of("unknown-contact");
        } catch (RuntimeException e) {
            Optional<String> rejected =
                    RejectionDetails.in(e).map(details -> details.kind().slug());
            return Optional.of(rejected.orElse("internal-error"));
        }
        try {
            journal.recordErased(contactId);
            return Optional.empty();
        } catch (ErasureNotJournaled e) {
            return Optional.of("erasure-not-journaled");
        }
    }
}
