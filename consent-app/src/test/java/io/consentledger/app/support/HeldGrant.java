package io.consentledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.consent.ConsentGranted;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A consent granted in a transaction of its own that stays open until {@link #commit()}: its event holds a position in
 * the event store meanwhile, so that a later event, with a higher position, can commit (and be processed) before it —
 * the out-of-order commit every reader of the store must survive.
 */
public final class HeldGrant implements AutoCloseable {

    private static final long PATIENCE_SECONDS = 60;

    private final CountDownLatch appended = new CountDownLatch(1);
    private final CountDownLatch commit = new CountDownLatch(1);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final Future<?> transaction;

    private HeldGrant(
            EventStore eventStore,
            PlatformTransactionManager transactions,
            String contactId,
            long sequence,
            String actor) {
        transaction = thread.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
            eventStore.publish(new GenericDomainEventMessage<>(
                    "ContactLedger",
                    contactId,
                    sequence,
                    new ConsentGranted(contactId, "e-marketing", 1, "web-form", null, null, null, null),
                    Map.of(
                            LedgerMetadata.ACTOR,
                            actor,
                            LedgerMetadata.ACTOR_ROLE,
                            "INTEGRATOR",
                            LedgerMetadata.CHANNEL,
                            Channel.API.code())));
            appended.countDown();
            try {
                assertThat(commit.await(PATIENCE_SECONDS, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }));
    }

    /**
     * Appends the contact's consent to e-marketing as its event number {@code sequence}, by {@code actor} (an
     * INTEGRATOR, over the API), and returns once the event has its position, its transaction still open.
     */
    public static HeldGrant open(
            EventStore eventStore,
            PlatformTransactionManager transactions,
            String contactId,
            long sequence,
            String actor)
            throws InterruptedException {
        HeldGrant held = new HeldGrant(eventStore, transactions, contactId, sequence, actor);
        assertThat(held.appended.await(PATIENCE_SECONDS, TimeUnit.SECONDS))
                .as("the held grant was appended")
                .isTrue();
        return held;
    }

    /** Commits the held transaction and returns once it has committed. */
    public void commit() throws Exception {
        commit.countDown();
        transaction.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    }

    /** Ends the transaction's thread (rolling back a grant never committed). */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
