package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.support.EnabledIfPostgres;
import io.consentledger.app.support.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * An event store written before purposes and sources had streams of their own gets them from the migration: their
 * events move to {@code purpose/<id>} and {@code source/<id>}, a contact's events stay where they are.
 */
class CatalogStreamMigrationTest {

    @Test
    void movesCatalogStreamsOnH2() throws Exception {
        Path dir = Files.createTempDirectory("consent-ledger-migration");
        String url = "jdbc:h2:file:" + dir.resolve("ledger") + ";DB_CLOSE_ON_EXIT=FALSE";
        movesCatalogStreams(url, "", "", null, "h2");
    }

    @Nested
    @EnabledIfPostgres
    class OnPostgres {

        @Test
        void movesCatalogStreams() throws Exception {
            String schema = "t_"
                    + UUID.randomUUID()
                            .toString()
                            .replace("-", "")
                            .substring(0, 16)
                            .toLowerCase(Locale.ROOT);
            String url = TestDatabases.urlOf(schema);
            CatalogStreamMigrationTest.this.movesCatalogStreams(
                    url, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD, schema, "postgresql");
        }
    }

    private void movesCatalogStreams(String url, String user, String password, String schema, String vendor)
            throws SQLException {
        Flyway before =
                flyway(url, user, password, schema, vendor).target("1.9").load();
        before.migrate();
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            insert(connection, 1, "e-marketing", "Purpose");
            insert(connection, 2, "email", "Source");
            insert(connection, 3, "crm-4711", "ContactLedger");
        }

        flyway(url, user, password, schema, vendor).load().migrate();

        try (Connection connection = DriverManager.getConnection(url, user, password);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(
                        "SELECT aggregateIdentifier FROM DomainEventEntry ORDER BY globalIndex")) {
            List<String> streams = new ArrayList<>();
            while (rows.next()) {
                streams.add(rows.getString(1));
            }
            assertThat(streams).containsExactly("purpose/e-marketing", "source/email", "crm-4711");
        }
    }

    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(
            String url, String user, String password, String schema, String vendor) {
        org.flywaydb.core.api.configuration.FluentConfiguration configuration = Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        return schema == null ? configuration : configuration.schemas(schema);
    }

    private static void insert(Connection connection, int index, String stream, String type) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO DomainEventEntry (globalIndex,"
                + " aggregateIdentifier, sequenceNumber, type, eventIdentifier, payload, payloadType, timeStamp)"
                + " VALUES (?, ?, 0, ?, ?, ?, 'Example', '2026-01-01T00:00:00Z')")) {
            statement.setLong(1, index);
            statement.setString(2, stream);
            statement.setString(3, type);
            statement.setString(4, "event-" + index);
            statement.setBytes(5, "{}".getBytes(StandardCharsets.UTF_8));
            statement.executeUpdate();
        }
    }
}
