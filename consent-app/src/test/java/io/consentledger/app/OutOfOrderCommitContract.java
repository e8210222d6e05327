package io.consentledger.app;

import static io.consentledger.app.support.Api.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.Channel;
import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.app.support.LedgerTest;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A read with {@code wait=true} sees every event committed before it began, also one whose transaction took its
 * position in the event store before a later event's but committed after that one was already projected.
 */
abstract class OutOfOrderCommitContract extends LedgerTest {

    @Autowired
    private EventStore eventStore;

    @Autowired
    private PlatformTransactionManager transactions;

    @Test
    void aReadWithWaitSeesAnEventThatCommittedAfterALaterOneWasProjected() throws Exception {
        String slow = registerContact(uniqueId("slow"));
        String fast = registerContact(uniqueId("fast"));
        assertThat(changes(slow, "CONTACT_REGISTERED")).doesNotContain("CONSENT_GRANTED");
        long next = eventsOf(slow);
        CountDownLatch appended = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<?> slowTransaction =
                    thread.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
                        eventStore.publish(new GenericDomainEventMessage<>(
                                "ContactLedger",
                                slow,
                                next,
                                new ConsentGranted(slow, "e-marketing", 1, "web-form", null, null, null, null),
                                Map.of(
                                        LedgerMetadata.ACTOR,
                                        "crm-sync",
                                        LedgerMetadata.ACTOR_ROLE,
                                        "INTEGRATOR",
                                        LedgerMetadata.CHANNEL,
                                        Channel.API.code())));
                        appended.countDown();
                        try {
                            assertThat(commit.await(30, TimeUnit.SECONDS)).isTrue();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                        }
                    }));
            assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

            grant(fast, "e-marketing");
            assertThat(changes(fast, null))
                    .as("projected past the open transaction")
                    .contains("CONSENT_GRANTED");
            assertThat(consentCheck(fast, "e-marketing").get("status").asText()).isEqualTo("GRANTED");

            commit.countDown();
            slowTransaction.get(30, TimeUnit.SECONDS);
        } finally {
            thread.shutdownNow();
        }

        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + slow + "/history?size=500&wait=true")
                        .json()
                        .findValuesAsText("change"))
                .contains("CONSENT_GRANTED");
        assertThat(consentCheck(slow, "e-marketing").get("status").asText()).isEqualTo("GRANTED");
    }
}
