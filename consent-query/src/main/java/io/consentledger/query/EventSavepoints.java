package io.consentledger.query;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.messaging.InterceptorChain;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes a failing event undo only its own work in a projection's batch transaction, so that Axon's dead-letter queue
 * can record it and the rest of the batch, with the token, still commits. PostgreSQL refuses every further statement of
 * a transaction in which one failed, and a handler may have written half of its rows when it fails.
 *
 * <p>A savepoint for every event would cost two more round trips per event, so events run without one until one
 * fails. That failure is thrown on as {@linkplain ProjectionFailure#isUnisolated() unisolated}: the processor rolls
 * the batch back and processes it again after a pause (Axon's retry starts at 1 s), now with a savepoint for every
 * event up to the failed one, which then fails alone and is dead-lettered. The failure leaves as a
 * {@link ProjectionFailure}, without the values it may quote.
 */
@Component
public class EventSavepoints {

    private final TransactionTemplate savepoint;

    /** Per projection: up to which position in the event store events run in a savepoint (on this node). */
    private final Map<String, AtomicLong> isolatedUpTo = new ConcurrentHashMap<>();

    EventSavepoints(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Proceeds with the handler; use from a projection's {@code @MessageHandlerInterceptor} for events. */
    public Object proceed(String projection, EventMessage<?> event, InterceptorChain chain) {
        AtomicLong upTo = isolatedUpTo.computeIfAbsent(projection, name -> new AtomicLong(-1));
        long position = event instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().orElse(-1)
                : -1;
        if (position < 0 || position <= upTo.get()) {
            return inSavepoint(chain);
        }
        try {
            return chain.proceed();
        } catch (Exception e) {
            upTo.accumulateAndGet(position, Math::max);
            throw ProjectionFailure.unisolated(e);
        }
    }

    private Object inSavepoint(InterceptorChain chain) {
        try {
            return savepoint.execute(status -> {
                try {
                    return chain.proceed();
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new CheckedFailure(e);
                }
            });
        } catch (CheckedFailure e) {
            throw ProjectionFailure.of(e.getCause());
        } catch (RuntimeException e) {
            throw ProjectionFailure.of(e);
        }
    }

    /** Carries a checked exception through the transaction template, which rolls back on unchecked ones only. */
    private static final class CheckedFailure extends RuntimeException {
        CheckedFailure(Exception cause) {
            super(cause);
        }
    }
}
