package io.consentledger.command.catalog;

import io.consentledger.api.StreamIds;
import io.consentledger.api.source.SourceDefined;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Fills in, at start, the names of sources whose lookup rows were written before the lookup table kept names, from
 * their {@code SourceDefined} events. Idempotent: several nodes starting at once write the same names.
 */
@Component
class SourceNames implements ApplicationRunner {

    private final JdbcClient jdbc;
    private final EventStore eventStore;

    SourceNames(JdbcClient jdbc, EventStore eventStore) {
        this.jdbc = jdbc;
        this.eventStore = eventStore;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<String> unnamed = jdbc.sql("SELECT source_id FROM command_source WHERE name IS NULL")
                .query(String.class)
                .list();
        for (String sourceId : unnamed) {
            eventStore
                    .readEvents(StreamIds.source(sourceId))
                    .asStream()
                    .filter(event -> SourceDefined.class.equals(event.getPayloadType()))
                    .map(DomainEventMessage::getPayload)
                    .map(SourceDefined.class::cast)
                    .findFirst()
                    .ifPresent(defined -> jdbc.sql(
                                    "UPDATE command_source SET name = ? WHERE source_id = ? AND name IS NULL")
                            .params(defined.name(), sourceId)
                            .update());
        }
        // The catalog's copies on this node may hold the rows without names.
        if (!unnamed.isEmpty()) {
            jdbc.sql("UPDATE command_catalog_version SET version = version + 1 WHERE id = 1")
                    .update();
        }
    }
}
