package io.consentledger.app;

import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Many clients granting and withdrawing on the same few contacts at once: every 2xx is exactly one stored event, and
 * every projection ends up agreeing with the event store (no event skipped across gaps in the global sequence).
 */
abstract class ConcurrencyContract extends LedgerTest {

    private static final int CONTACTS = 6;
    private static final int THREADS = 8;
    private static final int REQUESTS_PER_THREAD = 60;

    @Test
    void everyAcknowledgedChangeIsStoredOnceAndEveryViewMatchesTheStore() throws Exception {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < CONTACTS; i++) {
            contacts.add(registerContact(uniqueId("race")));
        }
        Map<String, AtomicInteger> acknowledged = new ConcurrentHashMap<>();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        contacts.forEach(contact -> acknowledged.put(contact, new AtomicInteger()));

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                clients.add(pool.submit(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    for (int i = 0; i < REQUESTS_PER_THREAD; i++) {
                        String contact = contacts.get(random.nextInt(CONTACTS));
                        Api.Response response = random.nextBoolean()
                                ? api.post(
                                        INTEGRATOR,
                                        "/api/v1/contacts/" + contact + "/consents",
                                        "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}")
                                : api.post(
                                        INTEGRATOR,
                                        "/api/v1/contacts/" + contact + "/consents/e-marketing/withdrawal",
                                        "{\"sourceId\":\"email\"}");
                        statuses.computeIfAbsent(response.status(), s -> new AtomicInteger())
                                .incrementAndGet();
                        if (response.status() / 100 == 2) {
                            acknowledged.get(contact).incrementAndGet();
                        } else if (response.status() != 409) {
                            throw new AssertionError("Unexpected " + response.status() + ": " + response.body());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : clients) {
                client.get();
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses.keySet()).isSubsetOf(200, 201, 409);
        assertThat(statuses.get(201).get()).isPositive();
        for (String contact : contacts) {
            // Registration stored two events: ContactRegistered and the default legal basis of sales-and-service.
            assertThat(eventsOf(contact))
                    .as(contact)
                    .isEqualTo(2L + acknowledged.get(contact).get());

            JsonNode history = api.get(AUDITOR, "/api/v1/contacts/" + contact + "/history?size=500&wait=true")
                    .json();
            assertThat(history.get("totalElements").asLong()).as(contact).isEqualTo(eventsOf(contact));

            JsonNode basis = api.get(AUDITOR, "/api/v1/contacts/" + contact + "/legal-basis?wait=true")
                    .json();
            String status = null;
            for (JsonNode purpose : basis.get("purposes")) {
                if (purpose.get("purposeId").asText().equals("e-marketing")) {
                    status = purpose.get("status").asText();
                }
            }
            assertThat(status).as(contact).isEqualTo(expectedMarketingStatus(contact));
        }
    }

    /** The standing the event store says a contact has for e-marketing: the payload type of its last consent event. */
    private String expectedMarketingStatus(String contact) {
        List<String> types = jdbc.sql("SELECT payloadType FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " ORDER BY sequenceNumber DESC")
                .param(contact)
                .query(String.class)
                .list();
        for (String type : types) {
            if (type.endsWith("ConsentGranted")) {
                return "GRANTED";
            }
            if (type.endsWith("ConsentWithdrawn")) {
                return "WITHDRAWN";
            }
        }
        return "NOT_RECORDED";
    }
}
