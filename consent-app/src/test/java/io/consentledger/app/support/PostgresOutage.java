package io.consentledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Outages of PostgreSQL for one service: its connections carry an application name of their own, and {@link
 * #terminateConnections()} ends every one of them on the server, as a failover or a restart of the server does,
 * without touching any other test's (or other service's) connections on the same server.
 */
public final class PostgresOutage {

    private final String application = "outage-" + UUID.randomUUID().toString().substring(0, 8);

    /** Puts the context being started on PostgreSQL, in a new schema, with its connections named for this outage. */
    public void postgres(DynamicPropertyRegistry registry) {
        TestDatabases.postgres(registry, url -> url + "&ApplicationName=" + application);
    }

    /** Terminates every backend of the service on the server; how many there were. */
    public int terminateConnections() throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        TestDatabases.PG_URL, TestDatabases.PG_USER, TestDatabases.PG_PASSWORD);
                // Materialized first: the backends are picked by name before any is terminated.
                PreparedStatement terminate = connection.prepareStatement("WITH ours AS MATERIALIZED (SELECT pid FROM"
                        + " pg_stat_activity WHERE application_name = ? AND pid <> pg_backend_pid())"
                        + " SELECT COUNT(*) FILTER (WHERE pg_terminate_backend(pid)) FROM ours")) {
            terminate.setString(1, application);
            try (ResultSet result = terminate.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /**
     * Posts a write until it is recorded, again with the same {@code Idempotency-Key} while the database is away: 500
     * (nothing recorded) and 503 (outcome unknown) are what an outage may answer, nothing else.
     */
    public static void postUntilRecorded(Api api, String user, String path, String body, Duration patience) {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        await().atMost(patience).pollInterval(Duration.ofMillis(50)).until(() -> {
            Api.Response response = api.post(user, path, body, key);
            if (response.status() == 200 || response.status() == 201) {
                return true;
            }
            assertThat(response.status()).as(response.body()).isIn(500, 503);
            return false;
        });
    }

    /** The changes of the change feed for these contacts, read from its beginning page by page. */
    public static List<JsonNode> feedOf(Api api, Collection<String> contacts) {
        Set<String> ours = Set.copyOf(contacts);
        List<JsonNode> changes = new ArrayList<>();
        long after = 0;
        while (true) {
            Api.Response page = api.get(Api.INTEGRATOR, "/api/v1/changes?limit=1000&after=" + after);
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            JsonNode json = page.json();
            json.get("changes").forEach(change -> {
                if (ours.contains(change.get("contactId").asText())) {
                    changes.add(change);
                }
            });
            if (json.get("changes").isEmpty()) {
                return changes;
            }
            after = json.get("next").asLong();
        }
    }
}
