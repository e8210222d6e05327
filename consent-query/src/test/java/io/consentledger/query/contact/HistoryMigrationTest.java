package io.consentledger.query.contact;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** V1_201 turns the sentences older history rows hold into codes and parameters, on H2 and on PostgreSQL. */
class HistoryMigrationTest {

    private static final String PG_URL = env("CONSENT_TEST_PG_URL", "jdbc:postgresql://localhost:5432/consent_test");

    @Test
    void convertsTheSentencesOfOlderRowsOnH2() {
        convertsTheSentencesOfOlderRows(
                new SimpleDriverDataSource(
                        new org.h2.Driver(), "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""),
                "h2",
                null);
    }

    @Test
    void convertsTheSentencesOfOlderRowsOnPostgres() throws SQLException {
        String user = env("CONSENT_TEST_PG_USER", "postgres");
        String password = env("CONSENT_TEST_PG_PASSWORD", "");
        try (Connection ignored = DriverManager.getConnection(PG_URL, user, password)) {
            // reachable
        } catch (SQLException e) {
            // In CI PostgreSQL is started for the tests: not reaching it is a failure there, not a reason to skip.
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw e;
            }
            Assumptions.abort("PostgreSQL is not reachable at " + PG_URL + ": " + e.getSQLState());
        }
        String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        DataSource postgres = new SimpleDriverDataSource(new org.postgresql.Driver(), PG_URL, user, password);
        try {
            convertsTheSentencesOfOlderRows(postgres, "postgresql", schema);
        } finally {
            JdbcClient.create(postgres)
                    .sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE")
                    .update();
        }
    }

    private static void convertsTheSentencesOfOlderRows(DataSource dataSource, String vendor, String schema) {
        var configuration = Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor);
        if (schema != null) {
            configuration.schemas(schema);
        }
        configuration.target("1.200").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String table = schema == null ? "contact_history" : schema + ".contact_history";
        Map<Integer, String[]> rows = Map.of(
                1,
                        new String[] {
                            "CONSENT_CONFIRMATION_REQUESTED",
                            "Waits for confirmation by email until 2026-03-08T12:00:00Z"
                        },
                2, new String[] {"CONFIRMATION_EMAIL_REQUESTED", "CONSENT_TO_CONFIRM"},
                3,
                        new String[] {
                            "CONFIRMATION_EMAIL_FAILED",
                            "Attempt 1 failed (connection); next attempt at 2026-03-01T12:05:30.250Z"
                        },
                4, new String[] {"CONFIRMATION_EMAIL_SENT", "Attempt 12"},
                5, new String[] {"CONSENT_LAPSED", "Not confirmed in time"},
                6, new String[] {"CONFIRMATION_EMAIL_FAILED", "Attempt 3 failed; no further attempt (consent-lapsed)"},
                7, new String[] {"CONSENT_WITHDRAWN", "Attempt 1 (the person's own words stay)"});
        rows.forEach((seq, row) -> jdbc.sql("INSERT INTO " + table
                        + " (contact_id, seq, recorded_at, change, reason) VALUES ('ann', ?, ?, ?, ?)")
                .params(seq, OffsetDateTime.parse("2026-03-01T12:00:00Z"), row[0], row[1])
                .update());

        configuration.target("latest").load().migrate();

        assertThat(row(jdbc, table, 1))
                .containsEntry("confirm_by", "EMAIL")
                .containsEntry("confirmation_lapses_at", Instant.parse("2026-03-08T12:00:00Z"))
                .containsEntry("reason", null);
        assertThat(row(jdbc, table, 2))
                .containsEntry("email_trigger", "CONSENT_TO_CONFIRM")
                .containsEntry("reason", null);
        assertThat(row(jdbc, table, 3))
                .containsEntry("attempt", 1)
                .containsEntry("error_kind", "connection")
                .containsEntry("next_attempt_at", Instant.parse("2026-03-01T12:05:30.250Z"))
                .containsEntry("reason", null);
        assertThat(row(jdbc, table, 4)).containsEntry("attempt", 12).containsEntry("reason", null);
        assertThat(row(jdbc, table, 5)).containsEntry("reason", null);
        assertThat(row(jdbc, table, 6))
                .containsEntry("attempt", 3)
                .containsEntry("error_kind", "consent-lapsed")
                .containsEntry("next_attempt_at", null)
                .containsEntry("reason", null);
        assertThat(row(jdbc, table, 7))
                .containsEntry("reason", "Attempt 1 (the person's own words stay)")
                .containsEntry("attempt", null);
    }

    private static Map<String, Object> row(JdbcClient jdbc, String table, int seq) {
        return jdbc.sql(
                        "SELECT confirm_by, confirmation_lapses_at, email_trigger, attempt, error_kind, next_attempt_at,"
                                + " reason FROM " + table + " WHERE seq = ?")
                .param(seq)
                .query((rs, row) -> {
                    Map<String, Object> values = new java.util.HashMap<>();
                    values.put("confirm_by", rs.getString("confirm_by"));
                    values.put(
                            "confirmation_lapses_at",
                            instant(rs.getObject("confirmation_lapses_at", OffsetDateTime.class)));
                    values.put("email_trigger", rs.getString("email_trigger"));
                    values.put("attempt", rs.getObject("attempt", Integer.class));
                    values.put("error_kind", rs.getString("error_kind"));
                    values.put("next_attempt_at", instant(rs.getObject("next_attempt_at", OffsetDateTime.class)));
                    values.put("reason", rs.getString("reason"));
                    return values;
                })
                .single();
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
