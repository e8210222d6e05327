package io.consentledger.command;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds with one query which of many streams hold no event yet, for the commands of one unit of work that may create
 * them (an import's chunk: hundreds of contacts, most of them new). {@link LatestStateRepository} then creates those
 * aggregates without reading their empty streams one by one (two queries each: snapshot and events). What it found
 * holds for the rest of the root unit of work: a stream another node writes to meanwhile makes this unit of work's
 * append fail on the stream's unique key, and the whole unit of work is rolled back and done again, as any concurrent
 * append would. With Axon Server (no event table to ask) it finds nothing, and every stream is read as before.
 */
@Component
public class EmptyStreams {

    static final String RESOURCE = EmptyStreams.class.getName() + ".ids";

    /** PostgreSQL takes at most 65,535 parameters in a statement. */
    private static final int IDS_PER_QUERY = 1000;

    private final JdbcClient jdbc;
    private final ObjectProvider<EventStorageEngine> storageEngine;
    private final EventSchema schema = new EventSchema();

    EmptyStreams(JdbcClient jdbc, ObjectProvider<EventStorageEngine> storageEngine) {
        this.jdbc = jdbc;
        this.storageEngine = storageEngine;
    }

    /**
     * Looks the streams up in the event table and remembers, in the current root unit of work, those that hold no
     * event; does nothing outside a unit of work or without the JDBC event store.
     */
    public void lookUp(Collection<String> streamIds) {
        if (!CurrentUnitOfWork.isStarted() || !(storageEngine.getIfAvailable() instanceof JdbcEventStorageEngine)) {
            return;
        }
        Set<String> empty = new HashSet<>(streamIds);
        List<String> ids = List.copyOf(empty);
        for (int from = 0; from < ids.size(); from += IDS_PER_QUERY) {
            List<String> part = ids.subList(from, Math.min(ids.size(), from + IDS_PER_QUERY));
            empty.removeAll(jdbc.sql("SELECT DISTINCT " + schema.aggregateIdentifierColumn() + " FROM "
                            + schema.domainEventTable() + " WHERE " + schema.aggregateIdentifierColumn()
                            + " IN (:ids)")
                    .param("ids", part)
                    .query(String.class)
                    .list());
        }
        CurrentUnitOfWork.get()
                .root()
                .<Set<String>>getOrComputeResource(RESOURCE, key -> new HashSet<>())
                .addAll(empty);
    }

    /** Whether the current root unit of work found the stream empty. */
    static boolean known(String streamId) {
        if (!CurrentUnitOfWork.isStarted()) {
            return false;
        }
        Set<String> empty = CurrentUnitOfWork.get().root().getResource(RESOURCE);
        return empty != null && empty.contains(streamId);
    }
}
