package io.consentledger.query.projection;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.Cause;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterProcessor;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.springframework.stereotype.Component;

/**
 * The projections' dead letters: how many each has, what they are, and processing them again once their cause is
 * fixed (Axon's {@link SequencedDeadLetterProcessor}). Every node shares them through the database.
 */
@Component
public class DeadLetters {

    private final EventProcessingConfiguration processing;

    DeadLetters(EventProcessingConfiguration processing) {
        this.processing = processing;
    }

    /** How many events of the projection are dead-lettered. */
    public long count(String projection) {
        return queue(projection).size();
    }

    /** One page of the projection's dead letters, sequence by sequence, each in the order it must be processed. */
    public DeadLetterPage page(String projection, int page, int size) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
        long total = queue.size();
        long skip = (long) page * size;
        List<DeadLetterView> items = new ArrayList<>();
        long seen = 0;
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            for (DeadLetter<? extends EventMessage<?>> letter : sequence) {
                if (items.size() == size) {
                    return new DeadLetterPage(projection, page, size, total, items);
                }
                if (seen++ >= skip) {
                    items.add(view(letter));
                }
            }
        }
        return new DeadLetterPage(projection, page, size, total, items);
    }

    /**
     * Processes every dead-lettered sequence of the projection once more, each from its first letter until one fails
     * again; what went through leaves the queue.
     */
    public DeadLetterRetry retry(String projection) {
        SequencedDeadLetterQueue<EventMessage<?>> queue = queue(projection);
        SequencedDeadLetterProcessor<EventMessage<?>> processor = processing
                .sequencedDeadLetterProcessor(projection)
                .orElseThrow(() -> new IllegalStateException("No dead-letter processor for " + projection));
        Set<String> before = identifiers(queue);
        // Axon processes the sequence touched longest ago and moves one that fails again to the back, so as many
        // rounds as there are sequences try each of them once.
        long sequences = queue.amountOfSequences();
        for (long round = 0; round < sequences; round++) {
            processor.processAny();
        }
        Set<String> after = identifiers(queue);
        long processed = before.stream().filter(id -> !after.contains(id)).count();
        return new DeadLetterRetry(projection, processed, after.size());
    }

    private static Set<String> identifiers(SequencedDeadLetterQueue<EventMessage<?>> queue) {
        Set<String> identifiers = new HashSet<>();
        forEach(
                queue,
                letter -> identifiers.add(
                        letter instanceof JdbcDeadLetter<?> stored
                                ? stored.getIdentifier()
                                : letter.message().getIdentifier()));
        return identifiers;
    }

    private static void forEach(
            SequencedDeadLetterQueue<EventMessage<?>> queue, Consumer<DeadLetter<? extends EventMessage<?>>> action) {
        for (Iterable<DeadLetter<? extends EventMessage<?>>> sequence : queue.deadLetters()) {
            sequence.forEach(action);
        }
    }

    /** What a dead letter shows: never its payload, which may hold personal data. */
    private static DeadLetterView view(DeadLetter<? extends EventMessage<?>> letter) {
        EventMessage<?> message = letter.message();
        String sequence = letter instanceof JdbcDeadLetter<?> stored ? stored.getSequenceIdentifier() : null;
        Long sequenceNumber = null;
        if (message instanceof DomainEventMessage<?> domain) {
            sequence = sequence == null ? domain.getAggregateIdentifier() : sequence;
            sequenceNumber = domain.getSequenceNumber();
        }
        Long globalPosition = message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                ? tracked.trackingToken().position().stream()
                        .boxed()
                        .findFirst()
                        .orElse(null)
                : null;
        return new DeadLetterView(
                sequence,
                message.getPayloadType().getSimpleName(),
                sequenceNumber,
                globalPosition,
                letter.cause().map(Cause::message).orElse(null),
                letter.enqueuedAt(),
                letter.lastTouched(),
                ProjectionDeadLetterPolicy.retries(letter));
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String projection) {
        if (!ReadModels.ALL.contains(projection)) {
            throw new UnknownProjection(projection);
        }
        return processing
                .deadLetterQueue(projection)
                .orElseThrow(() -> new IllegalStateException("No dead-letter queue for " + projection));
    }
}
