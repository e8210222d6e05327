package io.consentledger.app.webhook;

import io.consentledger.api.consent.Change;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code webhook_subscriber} table: every node reads it, any node changes it. */
@Component
class Subscribers {

    private static final String COLUMNS = "webhook_id, url, description, change_filter, purpose_filter, secret, state,"
            + " paused_reason, reset_to, replays, created_by, created_at, last_delivery_at, last_delivery_status,"
            + " consecutive_failures, failing_since, next_attempt_at";

    private static final String DELETED = "DELETED";

    private final JdbcClient jdbc;

    Subscribers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Subscriber subscriber) {
        jdbc.sql("INSERT INTO webhook_subscriber (" + COLUMNS
                        + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, NULL, 0, ?, ?, NULL, NULL, 0, NULL, NULL)")
                .params(
                        subscriber.webhookId(),
                        subscriber.url(),
                        subscriber.description(),
                        joined(subscriber.changes().stream().map(Change::name).toList()),
                        joined(subscriber.purposes()),
                        subscriber.sealedSecret(),
                        subscriber.state().name(),
                        subscriber.createdBy(),
                        at(subscriber.createdAt()))
                .update();
    }

    /** The subscriber, unless there is none or it was deleted. */
    Optional<Subscriber> find(String webhookId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscriber WHERE webhook_id = ? AND state <> ?")
                .params(webhookId, DELETED)
                .query(Subscribers::row)
                .optional();
    }

    /** Every subscriber that is not deleted, oldest first. */
    List<Subscriber> listed() {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM webhook_subscriber WHERE state <> ? ORDER BY created_at, webhook_id")
                .param(DELETED)
                .query(Subscribers::row)
                .list();
    }

    /** Every row, deleted ones included: what each node's processors must follow. */
    List<Subscriber> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM webhook_subscriber")
                .query(Subscribers::row)
                .list();
    }

    boolean pause(String webhookId, PauseReason reason) {
        return jdbc.sql(
                                "UPDATE webhook_subscriber SET state = ?, paused_reason = ? WHERE webhook_id = ? AND state <> ?")
                        .params(WebhookState.PAUSED.name(), reason.name(), webhookId, DELETED)
                        .update()
                > 0;
    }

    /** Active again, from its cursor: the failure count and the pause-after clock start afresh. */
    boolean resume(String webhookId) {
        return jdbc.sql("UPDATE webhook_subscriber SET state = ?, paused_reason = NULL, consecutive_failures = 0,"
                                + " failing_since = NULL, next_attempt_at = NULL WHERE webhook_id = ? AND state <> ?")
                        .params(WebhookState.ACTIVE.name(), webhookId, DELETED)
                        .update()
                > 0;
    }

    /** Asks for the cursor to be moved to the position (-1: the beginning); whichever node can claim the token does. */
    boolean requestReset(String webhookId, long position) {
        return jdbc.sql("UPDATE webhook_subscriber SET reset_to = ?, replays = replays + 1, consecutive_failures = 0,"
                                + " failing_since = NULL, next_attempt_at = NULL WHERE webhook_id = ? AND state <> ?")
                        .params(position, webhookId, DELETED)
                        .update()
                > 0;
    }

    /** The replay asked for is applied to the token, unless another was asked for meanwhile. */
    void resetApplied(String webhookId, long position) {
        jdbc.sql("UPDATE webhook_subscriber SET reset_to = NULL WHERE webhook_id = ? AND reset_to = ?")
                .params(webhookId, position)
                .update();
    }

    boolean rotateSecret(String webhookId, String sealedSecret) {
        return jdbc.sql("UPDATE webhook_subscriber SET secret = ? WHERE webhook_id = ? AND state <> ?")
                        .params(sealedSecret, webhookId, DELETED)
                        .update()
                > 0;
    }

    boolean markDeleted(String webhookId) {
        return jdbc.sql("UPDATE webhook_subscriber SET state = ? WHERE webhook_id = ? AND state <> ?")
                        .params(DELETED, webhookId, DELETED)
                        .update()
                > 0;
    }

    void remove(String webhookId) {
        jdbc.sql("DELETE FROM webhook_subscriber WHERE webhook_id = ?")
                .param(webhookId)
                .update();
    }

    void recordSuccess(String webhookId, Instant at, String status) {
        jdbc.sql(
                        "UPDATE webhook_subscriber SET last_delivery_at = ?, last_delivery_status = ?,"
                                + " consecutive_failures = 0, failing_since = NULL, next_attempt_at = NULL WHERE webhook_id = ?")
                .params(at(at), status, webhookId)
                .update();
    }

    void recordFailure(
            String webhookId, Instant at, String status, int failures, Instant failingSince, Instant nextAttemptAt) {
        jdbc.sql("UPDATE webhook_subscriber SET last_delivery_at = ?, last_delivery_status = ?,"
                        + " consecutive_failures = ?, failing_since = ?, next_attempt_at = ? WHERE webhook_id = ?")
                .params(at(at), status, failures, at(failingSince), at(nextAttemptAt), webhookId)
                .update();
    }

    private static Subscriber row(ResultSet rs, int row) throws SQLException {
        String state = rs.getString("state");
        long resetTo = rs.getLong("reset_to");
        boolean noReset = rs.wasNull();
        String reason = rs.getString("paused_reason");
        return new Subscriber(
                rs.getString("webhook_id"),
                rs.getString("url"),
                rs.getString("description"),
                split(rs.getString("change_filter")).stream()
                        .map(Change::valueOf)
                        .toList(),
                split(rs.getString("purpose_filter")),
                rs.getString("secret"),
                DELETED.equals(state) ? WebhookState.PAUSED : WebhookState.valueOf(state),
                DELETED.equals(state),
                reason == null ? null : PauseReason.valueOf(reason),
                noReset ? null : resetTo,
                rs.getInt("replays"),
                rs.getString("created_by"),
                instant(rs, "created_at"),
                instant(rs, "last_delivery_at"),
                rs.getString("last_delivery_status"),
                rs.getInt("consecutive_failures"),
                instant(rs, "failing_since"),
                instant(rs, "next_attempt_at"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    private static List<String> split(String joined) {
        return joined == null || joined.isEmpty()
                ? List.of()
                : Arrays.stream(joined.split(",")).collect(Collectors.toUnmodifiableList());
    }
}
