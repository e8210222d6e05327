package io.consentledger.query.web;

import io.consentledger.query.ProjectionFailure;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.EnqueuePolicy;

/**
 * Decides what becomes of an event a projection could not process. An event that fails by itself is dead-lettered
 * with a cause free of personal data, and its contact's later events queue up behind it; every other contact goes on.
 * A transient failure (a lost connection, a deadlock) is not the event's fault: it is thrown on, so the processor
 * rolls the batch back and tries it again, as it would without a dead-letter queue.
 */
class ProjectionDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics key: how many times a retry processed the letter again without success. */
    static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        ProjectionFailure failure = ProjectionFailure.of(cause);
        if (failure.isTransient()) {
            throw failure;
        }
        // A letter read back from the queue is being retried; a new one failed in the processor for the first time.
        int retries = letter instanceof JdbcDeadLetter<?> ? retries(letter) + 1 : 0;
        return Decisions.enqueue(failure, l -> l.diagnostics().and(RETRIES, retries));
    }

    static int retries(DeadLetter<?> letter) {
        Object retries = letter.diagnostics().get(RETRIES);
        return retries instanceof Number number ? number.intValue() : 0;
    }
}
