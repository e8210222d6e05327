package io.consentledger.query.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.api.LedgerMetadata;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads the whole ledger, or the part recorded in a time range, straight from the event store in the order it was
 * stored, one event at a time: memory stays flat whatever the size. Personal data comes decrypted, or as null for
 * erased contacts.
 */
@Component
class AuditEvents {

    private static final int END_WAIT_SECONDS = 2;

    private final EventStore events;
    private final ObjectMapper json;

    AuditEvents(EventStore events, ObjectMapper json) {
        this.events = events;
        this.json = json;
    }

    /** One stored event as the audit exports show it. */
    record AuditEvent(
            long position,
            Instant recordedAt,
            String aggregateType,
            String aggregateId,
            Long sequence,
            String type,
            String actor,
            String actorRole,
            String channel,
            String linkIssuedBy,
            String linkIssuerRole,
            String correlationId,
            JsonNode payload) {}

    /**
     * Hands every event recorded in {@code [from, to)} to the consumer, oldest first; {@code null} bounds are open.
     * Stops at the events stored when the export began.
     */
    void forEach(Instant from, Instant to, Consumer<AuditEvent> consumer) {
        TrackingToken head = events.createHeadToken();
        if (head == null) {
            return;
        }
        long headPosition = head.position().orElse(0);
        TrackingToken start = from == null ? null : events.createTokenAt(from);
        try (BlockingStream<TrackedEventMessage<?>> stream = events.openStream(start)) {
            // Normally ends at the head event; the wait only runs out when the head position was never committed.
            while (stream.hasNextAvailable(END_WAIT_SECONDS, TimeUnit.SECONDS)) {
                TrackedEventMessage<?> event = stream.nextAvailable();
                if (to != null && !event.getTimestamp().isBefore(to)) {
                    return;
                }
                if (from == null || !event.getTimestamp().isBefore(from)) {
                    consumer.accept(audit(event));
                }
                if (event.trackingToken().position().orElse(0) >= headPosition) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("The audit export was interrupted", e);
        }
    }

    private AuditEvent audit(TrackedEventMessage<?> event) {
        DomainEventMessage<?> domain = event instanceof DomainEventMessage<?> message ? message : null;
        return new AuditEvent(
                event.trackingToken().position().orElse(-1),
                event.getTimestamp(),
                domain == null ? null : domain.getType(),
                domain == null ? null : domain.getAggregateIdentifier(),
                domain == null ? null : domain.getSequenceNumber(),
                event.getPayloadType().getSimpleName(),
                (String) event.getMetaData().get(LedgerMetadata.ACTOR),
                (String) event.getMetaData().get(LedgerMetadata.ACTOR_ROLE),
                (String) event.getMetaData().get(LedgerMetadata.CHANNEL),
                (String) event.getMetaData().get(LedgerMetadata.LINK_ISSUED_BY),
                (String) event.getMetaData().get(LedgerMetadata.LINK_ISSUER_ROLE),
                (String) event.getMetaData().get("correlationId"),
                json.valueToTree(event.getPayload()));
    }
}
