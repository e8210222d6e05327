package io.consentledger.query;

import org.axonframework.messaging.InterceptorChain;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one event's handler in a savepoint of the projection's batch transaction. When the handler fails, only its own
 * statements are undone and the transaction stays usable — PostgreSQL refuses every further statement of a transaction
 * in which one failed — so Axon's dead-letter queue can record the event, and the rest of the batch, with the token,
 * still commits. The failure leaves as a {@link ProjectionFailure}, without the values it may quote.
 */
@Component
public class EventSavepoints {

    private final TransactionTemplate savepoint;

    EventSavepoints(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** Proceeds with the handler inside a savepoint; use from a projection's {@code @MessageHandlerInterceptor}. */
    public Object proceed(InterceptorChain chain) {
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
