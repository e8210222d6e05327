package io.consentledger.app;

import static io.consentledger.app.support.Api.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.support.HeldGrant;
import io.consentledger.app.support.LedgerTest;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

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
        try (HeldGrant held = HeldGrant.open(eventStore, transactions, slow, next, "crm-sync")) {

            grant(fast, "e-marketing");
            assertThat(changes(fast, null))
                    .as("projected past the open transaction")
                    .contains("CONSENT_GRANTED");
            assertThat(consentCheck(fast, "e-marketing").get("status").asText()).isEqualTo("GRANTED");

            held.commit();
        }

        assertThat(api.get(AUDITOR, "/api/v1/contacts/" + slow + "/history?size=500&wait=true")
                        .json()
                        .findValuesAsText("change"))
                .contains("CONSENT_GRANTED");
        assertThat(consentCheck(slow, "e-marketing").get("status").asText()).isEqualTo("GRANTED");
    }
}
