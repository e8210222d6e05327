package io.consentledger.query;

import io.consentledger.api.LedgerMetadata;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

/**
 * Events as the projections get them from the event store: in a stream with sequence numbers, a timestamp and the
 * actor's metadata, handed to a projection's annotated handlers (and its interceptor) by Axon's own adapter.
 */
public final class Events {

    private final Map<String, Long> sequences = new HashMap<>();

    /** The event as stored in the stream {@code aggregateId}, recorded at {@code at} by {@code actor}. */
    public DomainEventMessage<?> stored(String aggregateId, Object payload, Instant at, String actor) {
        long sequence = sequences.merge(aggregateId, 0L, (last, ignored) -> last + 1);
        MetaData metaData = MetaData.with(LedgerMetadata.ACTOR, actor).and(LedgerMetadata.CHANNEL, "api");
        return new GenericDomainEventMessage<>(
                "Test",
                aggregateId,
                sequence,
                payload,
                metaData,
                java.util.UUID.randomUUID().toString(),
                at);
    }

    /** Hands the events to each projection, in order, as a processor would. */
    public static void project(Iterable<? extends DomainEventMessage<?>> events, Object... projections) {
        for (Object projection : projections) {
            AnnotationEventHandlerAdapter adapter = new AnnotationEventHandlerAdapter(projection);
            for (DomainEventMessage<?> event : events) {
                try {
                    adapter.handle(event);
                } catch (Exception e) {
                    throw new IllegalStateException(
                            "Projecting " + event.getPayloadType().getSimpleName(), e);
                }
            }
        }
    }
}
