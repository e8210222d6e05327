package io.consentledger.app.imports;

import static io.consentledger.query.Rows.instant;
import static io.consentledger.query.Rows.utc;

import io.consentledger.app.imports.ImportFiles.Refusal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The tables of imports: {@code import_job} (state and counts), {@code import_row} (rows waiting to be processed; they
 * hold personal data and are deleted once processed) and {@code import_error} (every refused row, without values).
 */
@Component
class ImportJobs {

    static final String RECEIVED = "RECEIVED";
    static final String RUNNING = "RUNNING";
    static final String FINISHED = "FINISHED";

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    ImportJobs(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    /** Who asked for an import and how, as the processor needs it. */
    record Request(String requestedBy, String roles, boolean sendConfirmation, int chunks, String state) {}

    /** A staged row: its number and its JSON. */
    record StagedRow(long number, String json) {}

    /** A refused row with its number. */
    record RowRefusal(long number, Refusal refusal) {}

    /** Counters of one chunk, or of the rows refused while the file was read. */
    record Counts(long processed, long imported, long skipped, long failed) {}

    void insert(
            String importId,
            String requestedBy,
            String roles,
            String mediaType,
            boolean dryRun,
            boolean sendConfirmation,
            Instant at) {
        jdbc.sql("INSERT INTO import_job (import_id, requested_by, requested_role, media_type, dry_run,"
                        + " send_confirmation, state, total, processed, imported, skipped, failed, chunks, received_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, 0, 0, ?)")
                .params(importId, requestedBy, roles, mediaType, dryRun, sendConfirmation, RECEIVED, utc(at))
                .update();
    }

    /** Records the file as read: its total, the rows refused on reading, and finished at once when nothing waits. */
    void received(String importId, long total, Counts refusedOnReading, boolean finished, Instant at) {
        jdbc.sql("UPDATE import_job SET total = ?, processed = ?, imported = ?, skipped = ?, failed = ?, state = ?,"
                        + " finished_at = ? WHERE import_id = ?")
                .params(
                        total,
                        refusedOnReading.processed(),
                        refusedOnReading.imported(),
                        refusedOnReading.skipped(),
                        refusedOnReading.failed(),
                        finished ? FINISHED : RECEIVED,
                        finished ? utc(at) : null,
                        importId)
                .update();
    }

    void stage(String importId, List<StagedRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        batches.batchUpdate(
                "INSERT INTO import_row (import_id, row_no, row_data) VALUES (?, ?, ?)",
                rows,
                rows.size(),
                (statement, row) -> {
                    statement.setString(1, importId);
                    statement.setLong(2, row.number());
                    statement.setString(3, row.json());
                });
    }

    void refuse(String importId, List<RowRefusal> refusals) {
        if (refusals.isEmpty()) {
            return;
        }
        batches.batchUpdate(
                "INSERT INTO import_error (import_id, row_no, field, kind, reason) VALUES (?, ?, ?, ?, ?)",
                refusals,
                refusals.size(),
                (statement, refused) -> {
                    statement.setString(1, importId);
                    statement.setLong(2, refused.number());
                    statement.setString(3, refused.refusal().field());
                    statement.setString(4, refused.refusal().kind());
                    String reason = refused.refusal().reason();
                    statement.setString(5, reason.length() > 1000 ? reason.substring(0, 1000) : reason);
                });
    }

    Optional<Request> request(String importId) {
        return jdbc.sql("SELECT requested_by, requested_role, send_confirmation, chunks, state FROM import_job"
                        + " WHERE import_id = ?")
                .param(importId)
                .query((rs, row) -> new Request(
                        rs.getString("requested_by"),
                        rs.getString("requested_role"),
                        rs.getBoolean("send_confirmation"),
                        rs.getInt("chunks"),
                        rs.getString("state")))
                .optional();
    }

    /** The next staged rows after {@code afterRow}, in order. */
    List<StagedRow> staged(String importId, long afterRow, int limit) {
        return jdbc.sql("SELECT row_no, row_data FROM import_row WHERE import_id = ? AND row_no > ? ORDER BY row_no"
                        + " FETCH FIRST " + limit + " ROWS ONLY")
                .params(importId, afterRow)
                .query((rs, row) -> new StagedRow(rs.getLong("row_no"), rs.getString("row_data")))
                .list();
    }

    /** Deletes the staged rows up to and including {@code lastRow}: they are processed. */
    void unstage(String importId, long lastRow) {
        jdbc.sql("DELETE FROM import_row WHERE import_id = ? AND row_no <= ?")
                .params(importId, lastRow)
                .update();
    }

    /** Adds a processed chunk's counts; the chunk's number keeps it from being counted twice. */
    void chunkProcessed(String importId, int chunk, Counts counts, boolean last, Instant at) {
        jdbc.sql("UPDATE import_job SET processed = processed + ?, imported = imported + ?, skipped = skipped + ?,"
                        + " failed = failed + ?, chunks = ?, state = ?, finished_at = ? WHERE import_id = ?"
                        + " AND chunks = ?")
                .params(
                        counts.processed(),
                        counts.imported(),
                        counts.skipped(),
                        counts.failed(),
                        chunk,
                        last ? FINISHED : RUNNING,
                        last ? utc(at) : null,
                        importId,
                        chunk - 1)
                .update();
    }

    Optional<ImportJob> find(String importId, int errorsShown) {
        List<ImportJob.RowError> errors = jdbc.sql("SELECT row_no, field, kind, reason FROM import_error"
                        + " WHERE import_id = ? ORDER BY row_no FETCH FIRST " + errorsShown + " ROWS ONLY")
                .param(importId)
                .query((rs, row) -> rowError(rs))
                .list();
        return jdbc.sql("SELECT import_id, dry_run, send_confirmation, state, total, processed, imported, skipped,"
                        + " failed, received_at, finished_at FROM import_job WHERE import_id = ?")
                .param(importId)
                .query((rs, row) -> job(rs, errors))
                .optional();
    }

    boolean exists(String importId) {
        return jdbc.sql("SELECT COUNT(*) FROM import_job WHERE import_id = ?")
                        .param(importId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    /** Writes every refused row as CSV lines (row, field, type, reason), in row order, without holding them all. */
    void writeErrors(String importId, Writer out) {
        jdbc.sql("SELECT row_no, field, kind, reason FROM import_error WHERE import_id = ? ORDER BY row_no")
                .param(importId)
                .query(rs -> {
                    ImportJob.RowError error = rowError(rs);
                    try {
                        out.write(error.row() + "," + csv(error.field()) + "," + csv(error.type()) + ","
                                + csv(error.reason()) + "\r\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
    }

    private static String csv(String value) {
        if (value == null) {
            return "";
        }
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }

    private static ImportJob.RowError rowError(ResultSet rs) throws SQLException {
        return new ImportJob.RowError(
                rs.getLong("row_no"), rs.getString("field"), rs.getString("kind"), rs.getString("reason"));
    }

    private static ImportJob job(ResultSet rs, List<ImportJob.RowError> errors) throws SQLException {
        return new ImportJob(
                rs.getString("import_id"),
                rs.getBoolean("dry_run"),
                rs.getBoolean("send_confirmation"),
                rs.getString("state"),
                rs.getLong("total"),
                rs.getLong("processed"),
                rs.getLong("imported"),
                rs.getLong("skipped"),
                rs.getLong("failed"),
                instant(rs, "received_at"),
                instant(rs, "finished_at"),
                errors);
    }
}
