package io.consentledger.query.projection;

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
 * Thrown on instead, so that the processor rolls the batch back and tries it again: a transient failure (a lost
 * connection, a deadlock), which is not the event's fault, and a failure outside a savepoint, after which the batch's
 * transaction cannot be trusted (see {@code EventSavepoints}). A retry of dead letters runs each in a savepoint of its
 * own, so there only a transient failure is thrown on.
 */
class ProjectionDeadLetterPolicy implements EnqueuePolicy<EventMessage<?>> {

    /** Diagnostics key: how many times a retry processed the letter again without success. */
    static final String RETRIES = "retries";

    @Override
    public EnqueueDecision<EventMessage<?>> decide(DeadLetter<? extends EventMessage<?>> letter, Throwable cause) {
        ProjectionFailure failure = ProjectionFailure.of(cause);
        // A letter read back from the queue is being retried; a new one failed in the processor for the first time.
        boolean retried = letter instanceof JdbcDeadLetter<?>;
        if (failure.isTransient() || (failure.isUnisolated() && !retried)) {
            throw failure;
        }
        int retries = retried ? retries(letter) + 1 : 0;
        return Decisions.enqueue(failure, l -> l.diagnostics().and(RETRIES, retries));
    }

    static int retries(DeadLetter<?> letter) {
        Object retries = letter.diagnostics().get(RETRIES);
        return retries instanceof Number number ? number.intValue() : 0;
    }
}
