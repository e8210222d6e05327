package io.consentledger.command;

import org.axonframework.common.caching.Cache;
import org.axonframework.eventsourcing.AggregateDeletedException;
import org.axonframework.eventsourcing.CachingEventSourcingRepository;
import org.axonframework.eventsourcing.EventSourcedAggregate;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * An event-sourcing repository with Axon's aggregate cache that decides on the latest state of the stream: an
 * aggregate found in the cache first gets the events appended to its stream since it was cached (by another node
 * sharing the event store), read with one query on the stream's key. Axon's own caching repository trusts the cached
 * copy, which is only safe while this node is the stream's only writer: a command refused on a stale copy appends
 * nothing, so no concurrency conflict ever shows the node the newer events.
 *
 * <p>Every load goes through here, deadlines on the aggregate included, and only the {@link EventStore} API is used,
 * so it works the same on the embedded JDBC store and on Axon Server.
 *
 * @param <T> the aggregate type
 */
public class LatestStateRepository<T> extends CachingEventSourcingRepository<T> {

    private final Cache cache;
    private final EventStore eventStore;

    protected LatestStateRepository(Builder<T> builder) {
        super(builder);
        this.cache = builder.cache();
        this.eventStore = builder.eventStore();
    }

    /** A builder with the same settings as Axon's {@link EventSourcingRepository#builder}; a cache is required. */
    public static <T> Builder<T> builder(Class<T> aggregateType) {
        return new Builder<>(aggregateType);
    }

    @Override
    protected EventSourcedAggregate<T> doLoadWithLock(String aggregateIdentifier, Long expectedVersion) {
        // This node's lock on the identifier is held: no other thread here can put or replace the entry meanwhile.
        boolean cached = cache.containsKey(aggregateIdentifier);
        if (!cached && EmptyStreams.known(aggregateIdentifier)) {
            // Found empty with the other streams of this unit of work: loadOrCreate creates it without a read.
            throw new AggregateNotFoundException(aggregateIdentifier, "The stream holds no event");
        }
        EventSourcedAggregate<T> aggregate = super.doLoadWithLock(aggregateIdentifier, expectedVersion);
        if (cached) {
            applyNewerEvents(aggregate);
        }
        return aggregate;
    }

    /**
     * An aggregate created for a command that may create it ({@code CREATE_IF_MISSING}) but refused to, applying no
     * event, has no identifier and nothing to store: it is neither saved nor cached.
     */
    @Override
    protected void doSaveWithLock(EventSourcedAggregate<T> aggregate) {
        if (aggregate.identifierAsString() != null) {
            super.doSaveWithLock(aggregate);
        }
    }

    private void applyNewerEvents(EventSourcedAggregate<T> aggregate) {
        Long version = aggregate.version();
        DomainEventStream newer =
                eventStore.readEvents(aggregate.identifierAsString(), version == null ? 0 : version + 1);
        // Only with events: initializeState sets the sequence to the stream's last number, which an empty stream
        // does not have (null, unboxed).
        if (newer.hasNext()) {
            aggregate.initializeState(newer);
            if (aggregate.isDeleted()) {
                throw new AggregateDeletedException(aggregate.identifierAsString());
            }
        }
    }

    /** Builds a {@link LatestStateRepository}: Axon's event-sourcing repository builder, with a cache. */
    public static class Builder<T> extends EventSourcingRepository.Builder<T> {

        protected Builder(Class<T> aggregateType) {
            super(aggregateType);
        }

        private Cache cache() {
            return cache;
        }

        private EventStore eventStore() {
            return eventStore;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <R extends EventSourcingRepository<T>> R build() {
            return (R) new LatestStateRepository<>(this);
        }
    }
}
