package io.consentledger.app.metrics;

import io.consentledger.api.RejectionDetails;
import io.consentledger.api.RejectionKind;
import io.consentledger.api.contact.RecordConfirmationEmailFailed;
import io.consentledger.api.contact.RecordConfirmationEmailSent;
import io.consentledger.app.CommitOutcomeUnknown;
import io.consentledger.command.confirmation.ConfirmationEmailProcess;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.messaging.Message;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.monitoring.MessageMonitor;

/**
 * Times every command on the command bus from its dispatch until its transaction has committed or rolled back, by
 * command type and outcome, and counts the confirmation emails the ledger records as sent or failed.
 *
 * <p>The outcome is {@code success}, the rejection's kind ({@code consent-not-granted} …, {@link RejectionKind}),
 * {@code concurrent-modification} (another node appended first; the gateway sends it again),
 * {@code aggregate-already-exists}, {@code aggregate-not-found}, {@code outcome-unknown} (the connection broke during
 * the commit), {@code ignored} or {@code error}: a fixed set. A command sent again after a conflict is counted once
 * per attempt.
 */
final class CommandMetrics implements MessageMonitor<Message<?>> {

    static final String COMMANDS = "consent.commands";
    static final String EMAILS_SENT = "consent.confirmation.emails.sent";
    static final String EMAILS_FAILED = "consent.confirmation.emails.failed";

    static final String SUCCESS = "success";
    static final String IGNORED = "ignored";
    static final String ERROR = "error";
    static final String AGGREGATE_ALREADY_EXISTS = "aggregate-already-exists";
    static final String AGGREGATE_NOT_FOUND = "aggregate-not-found";
    static final String OUTCOME_UNKNOWN = "outcome-unknown";

    /**
     * The histogram's buckets: fine around the write path's milliseconds (the goal is a p99 of 10 ms), coarse above.
     * Fixed buckets instead of Micrometer's percentile histogram: 19 series per command and outcome (with +Inf), not
     * some 70.
     */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(2),
        Duration.ofMillis(3),
        Duration.ofMillis(5),
        Duration.ofMillis(7),
        Duration.ofMillis(10),
        Duration.ofMillis(15),
        Duration.ofMillis(20),
        Duration.ofMillis(30),
        Duration.ofMillis(50),
        Duration.ofMillis(75),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(2500),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    /** The timers by command type, then outcome: looked up once each, not built per command. */
    private final Map<Class<?>, Map<String, Timer>> timers = new ConcurrentHashMap<>();

    private final Map<String, Counter> emailFailures = new ConcurrentHashMap<>();
    private final Counter emailsSent;

    CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.emailsSent = Counter.builder(EMAILS_SENT)
                .description("Confirmation emails the mail server accepted, as recorded by this node")
                .register(registry);
        for (String kind : ConfirmationEmailProcess.ERROR_KINDS) {
            emailFailure(kind);
        }
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        long start = System.nanoTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                record(message, SUCCESS, start);
                countEmail(message.getPayload());
            }

            @Override
            public void reportFailure(Throwable cause) {
                record(message, outcomeOf(cause), start);
            }

            @Override
            public void reportIgnored() {
                record(message, IGNORED, start);
            }
        };
    }

    /** The outcome a failed command is counted under: one of a fixed set, never the failure's message. */
    static String outcomeOf(Throwable failure) {
        Optional<RejectionDetails> rejection = RejectionDetails.in(failure);
        if (rejection.isPresent()) {
            return rejection.get().kind().slug();
        }
        if (ExceptionUtils.findException(failure, ConcurrencyException.class).isPresent()) {
            return RejectionKind.CONCURRENT_MODIFICATION.slug();
        }
        if (ExceptionUtils.findException(failure, AggregateStreamCreationException.class)
                .isPresent()) {
            return AGGREGATE_ALREADY_EXISTS;
        }
        if (ExceptionUtils.findException(failure, AggregateNotFoundException.class)
                .isPresent()) {
            return AGGREGATE_NOT_FOUND;
        }
        if (ExceptionUtils.findException(failure, CommitOutcomeUnknown.class).isPresent()) {
            return OUTCOME_UNKNOWN;
        }
        return ERROR;
    }

    private void record(Message<?> message, String outcome, long start) {
        long elapsed = System.nanoTime() - start;
        Class<?> type = message.getPayloadType();
        Map<String, Timer> byOutcome = timers.get(type);
        if (byOutcome == null) {
            byOutcome = timers.computeIfAbsent(type, created -> new ConcurrentHashMap<>());
        }
        Timer timer = byOutcome.get(outcome);
        if (timer == null) {
            timer = byOutcome.computeIfAbsent(outcome, created -> timer(type, created));
        }
        timer.record(elapsed, TimeUnit.NANOSECONDS);
    }

    private Timer timer(Class<?> commandType, String outcome) {
        return Timer.builder(COMMANDS)
                .description("Commands on this node's command bus, from dispatch to commit or rollback")
                .tag("command", commandType.getSimpleName())
                .tag("outcome", outcome)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    /** A recorded attempt at a confirmation email, counted once its event is stored. */
    private void countEmail(Object payload) {
        if (payload instanceof RecordConfirmationEmailSent) {
            emailsSent.increment();
        } else if (payload instanceof RecordConfirmationEmailFailed failed) {
            emailFailure(ConfirmationEmailProcess.ERROR_KINDS.contains(failed.errorKind()) ? failed.errorKind() : ERROR)
                    .increment();
        }
    }

    private Counter emailFailure(String kind) {
        return emailFailures.computeIfAbsent(
                kind,
                ignored -> Counter.builder(EMAILS_FAILED)
                        .description(
                                "Failed attempts at confirmation emails, as recorded by this node, by kind of failure")
                        .tag("error_kind", kind)
                        .register(registry));
    }
}
