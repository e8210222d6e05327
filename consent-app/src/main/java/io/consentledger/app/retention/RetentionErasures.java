package io.consentledger.app.retention;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.contact.ForgetContact;
import io.consentledger.api.retention.ContactWithoutLegalBasis;
import io.consentledger.api.retention.ContactsWithoutLegalBasisPage;
import io.consentledger.api.retention.FindContactsWithoutLegalBasis;
import jakarta.annotation.PreDestroy;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Runs bulk erasures in the background, one job after the other: one {@code ForgetContact} per contact, each its own
 * transaction, with the requesting admin as actor. Jobs are kept in this node's memory while it runs.
 */
@Component
class RetentionErasures {

    private static final Logger log = LoggerFactory.getLogger(RetentionErasures.class);
    private static final int PAGE = 500;
    private static final int FAILURES_KEPT = 100;

    private final CommandGateway commands;
    private final QueryGateway queries;
    /** One job at a time, in the order asked: erasures share the database with everything else. */
    private final ExecutorService executor = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "retention-erasures");
        thread.setDaemon(true);
        return thread;
    });

    private final Clock clock;
    private final Map<String, Progress> jobs = new ConcurrentHashMap<>();

    RetentionErasures(CommandGateway commands, QueryGateway queries, Clock clock) {
        this.commands = commands;
        this.queries = queries;
        this.clock = clock;
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }

    /** A running job's counters. */
    private static final class Progress {
        final String jobId;
        final String requestedBy;
        final List<String> contactIds;
        final Instant startedAt;
        final AtomicInteger processed = new AtomicInteger();
        final AtomicInteger erased = new AtomicInteger();
        final List<ErasureJob.Failure> failures = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger failed = new AtomicInteger();
        volatile Instant finishedAt;

        Progress(String jobId, String requestedBy, List<String> contactIds, Instant startedAt) {
            this.jobId = jobId;
            this.requestedBy = requestedBy;
            this.contactIds = contactIds;
            this.startedAt = startedAt;
        }

        ErasureJob view() {
            return new ErasureJob(
                    jobId,
                    requestedBy,
                    finishedAt == null ? "RUNNING" : "FINISHED",
                    contactIds.size(),
                    processed.get(),
                    erased.get(),
                    failed.get(),
                    startedAt,
                    finishedAt,
                    List.copyOf(failures));
        }
    }

    /** Starts erasing the given contacts, or every contact whose retention has run out when none are given. */
    ErasureJob start(List<String> contactIds, String requestedBy, String roles) {
        List<String> targets = contactIds == null ? overdue() : List.copyOf(contactIds);
        Progress job = new Progress(UUID.randomUUID().toString(), requestedBy, targets, clock.instant());
        jobs.put(job.jobId, job);
        Map<String, Object> metaData = Map.of(
                LedgerMetadata.ACTOR, requestedBy,
                LedgerMetadata.ACTOR_ROLE, roles,
                LedgerMetadata.CHANNEL, Channel.API.code());
        executor.execute(() -> run(job, metaData));
        return job.view();
    }

    Optional<ErasureJob> find(String jobId) {
        return Optional.ofNullable(jobs.get(jobId)).map(Progress::view);
    }

    private void run(Progress job, Map<String, Object> metaData) {
        for (String contactId : job.contactIds) {
            try {
                commands.sendAndWait(GenericCommandMessage.asCommandMessage(new ForgetContact(contactId))
                        .andMetaData(metaData));
                job.erased.incrementAndGet();
            } catch (RuntimeException e) {
                job.failed.incrementAndGet();
                if (job.failures.size() < FAILURES_KEPT) {
                    job.failures.add(
                            new ErasureJob.Failure(contactId, e.getClass().getSimpleName()));
                }
            }
            job.processed.incrementAndGet();
        }
        job.finishedAt = clock.instant();
        log.info(
                "Erasure job {} finished: {} erased, {} failed of {}",
                job.jobId,
                job.erased.get(),
                job.failed.get(),
                job.contactIds.size());
    }

    private List<String> overdue() {
        List<String> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            ContactsWithoutLegalBasisPage found = queries.query(
                            new FindContactsWithoutLegalBasis(true, page, PAGE),
                            ResponseTypes.instanceOf(ContactsWithoutLegalBasisPage.class))
                    .join();
            found.items().stream().map(ContactWithoutLegalBasis::contactId).forEach(ids::add);
            if (found.items().size() < PAGE) {
                return ids;
            }
        }
    }
}
