package io.consentledger.app.metrics;

import io.consentledger.command.confirmation.ConfirmationEmailProcess;
import io.consentledger.query.projection.DeadLetters;
import io.consentledger.query.projection.ReadModels;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The gauges, read when they are scraped and never on the write path: each streaming processor's lag, each
 * projection's dead letters and the confirmation emails waiting to go out. With several nodes every node reports the
 * same values (they come from the shared database); take one node's, or the maximum.
 */
final class LedgerGauges {

    static final String LAG_EVENTS = "consent.processor.lag.events";
    static final String LAG_SECONDS = "consent.processor.lag.seconds";
    static final String DEAD_LETTERS = "consent.dead.letters";
    static final String EMAILS_WAITING = "consent.confirmation.emails.waiting";

    private final MeterRegistry registry;
    private final ProcessorLag lag;
    private final DeadLetters deadLetters;
    private final JdbcClient jdbc;

    LedgerGauges(MeterRegistry registry, ProcessorLag lag, DeadLetters deadLetters, JdbcClient jdbc) {
        this.registry = registry;
        this.lag = lag;
        this.deadLetters = deadLetters;
        this.jdbc = jdbc;
    }

    /**
     * Registers the gauges once the application has started: Axon builds its processors when it starts, after the meter
     * registry's binders have run.
     */
    @EventListener(ApplicationStartedEvent.class)
    void register() {
        for (String processor : lag.processors()) {
            Gauge.builder(LAG_EVENTS, lag, lags -> lags.of(processor).events())
                    .description("Positions of the event store the processor is behind its newest event")
                    .tag("processor", processor)
                    .register(registry);
            Gauge.builder(LAG_SECONDS, lag, lags -> lags.of(processor).seconds())
                    .description("How long ago the oldest event the processor has not processed yet was stored")
                    .tag("processor", processor)
                    .register(registry);
        }
        for (String projection : ReadModels.ALL) {
            Gauge.builder(DEAD_LETTERS, deadLetters, letters -> letters.count(projection))
                    .description("Events the projection could not process, waiting in its dead-letter queue")
                    .tag("processor", projection)
                    .register(registry);
        }
        Gauge.builder(EMAILS_WAITING, this, LedgerGauges::emailsWaiting)
                .description("Confirmation emails requested and neither sent nor given up yet")
                .register(registry);
    }

    /**
     * The confirmation-email processes still running: each holds one requested email until it is sent, the consent
     * it asks to confirm lapses, or its contact is erased (a request the process has not reached yet is in its lag).
     */
    private double emailsWaiting() {
        return jdbc.sql("SELECT COUNT(*) FROM SagaEntry WHERE sagaType = ?")
                .param(ConfirmationEmailProcess.class.getName())
                .query(Long.class)
                .single();
    }
}
