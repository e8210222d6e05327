package io.consentledger.app.retention;

import static io.consentledger.query.Rows.instant;
import static io.consentledger.query.Rows.utc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code erasure_job} table: every bulk erasure's state and counts, readable by every node. */
@Component
class ErasureJobs {

    static final String QUEUED = "QUEUED";
    static final String RUNNING = "RUNNING";
    static final String FINISHED = "FINISHED";
    static final String INTERRUPTED = "INTERRUPTED";
    static final int FAILURES_KEPT = 100;

    private final JdbcClient jdbc;

    ErasureJobs(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Counters of a job as its runner writes them. */
    record Counts(int processed, int erased, int failed) {}

    void insert(String jobId, String requestedBy, boolean allOverdue, int total, String runner, Instant at) {
        jdbc.sql("INSERT INTO erasure_job (job_id, requested_by, all_overdue, state, total, processed, erased, failed,"
                        + " runner, started_at, heartbeat_at) VALUES (?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?)")
                .params(jobId, requestedBy, allOverdue, QUEUED, total, runner, utc(at), utc(at))
                .update();
    }

    /** Turns a queued job into a running one; false when it was found interrupted meanwhile. */
    boolean begin(String jobId, Instant at) {
        return jdbc.sql("UPDATE erasure_job SET state = ?, heartbeat_at = ? WHERE job_id = ? AND state = ?")
                        .params(RUNNING, utc(at), jobId, QUEUED)
                        .update()
                == 1;
    }

    /**
     * Writes a running job's counts and the heartbeat of it and of the runner's queued jobs; false when the job was
     * found interrupted meanwhile, so that it stops.
     */
    boolean progress(String jobId, String runner, Counts counts, Instant at) {
        jdbc.sql("UPDATE erasure_job SET heartbeat_at = ? WHERE runner = ? AND state = ?")
                .params(utc(at), runner, QUEUED)
                .update();
        return jdbc.sql("UPDATE erasure_job SET processed = ?, erased = ?, failed = ?, heartbeat_at = ?"
                                + " WHERE job_id = ? AND state = ?")
                        .params(counts.processed(), counts.erased(), counts.failed(), utc(at), jobId, RUNNING)
                        .update()
                == 1;
    }

    void finish(String jobId, Counts counts, Instant at) {
        jdbc.sql("UPDATE erasure_job SET state = ?, processed = ?, erased = ?, failed = ?, heartbeat_at = ?,"
                        + " finished_at = ? WHERE job_id = ? AND state = ?")
                .params(
                        FINISHED,
                        counts.processed(),
                        counts.erased(),
                        counts.failed(),
                        utc(at),
                        utc(at),
                        jobId,
                        RUNNING)
                .update();
    }

    void failure(String jobId, int position, String contactId, String problem) {
        jdbc.sql("INSERT INTO erasure_job_failure (job_id, position, contact_id, problem) VALUES (?, ?, ?, ?)")
                .params(jobId, position, contactId, problem)
                .update();
    }

    /** Marks an unfinished job interrupted: it cannot go on. */
    void interrupt(String jobId, Instant at) {
        jdbc.sql("UPDATE erasure_job SET state = ?, finished_at = ? WHERE job_id = ? AND state IN (?, ?)")
                .params(INTERRUPTED, utc(at), jobId, QUEUED, RUNNING)
                .update();
    }

    /** Marks the runner's unfinished jobs interrupted: its node is stopping. */
    void interruptAllOf(String runner, Instant at) {
        jdbc.sql("UPDATE erasure_job SET state = ?, finished_at = ? WHERE runner = ? AND state IN (?, ?)")
                .params(INTERRUPTED, utc(at), runner, QUEUED, RUNNING)
                .update();
    }

    /** Marks the job interrupted when it is unfinished and its heartbeat is older than {@code staleBefore}. */
    void interruptIfStale(String jobId, Instant staleBefore, Instant at) {
        jdbc.sql("UPDATE erasure_job SET state = ?, finished_at = ? WHERE job_id = ? AND state IN (?, ?)"
                        + " AND heartbeat_at < ?")
                .params(INTERRUPTED, utc(at), jobId, QUEUED, RUNNING, utc(staleBefore))
                .update();
    }

    Optional<ErasureJob> find(String jobId) {
        List<ErasureJob.Failure> failures = jdbc.sql(
                        "SELECT contact_id, problem FROM erasure_job_failure WHERE job_id = ? ORDER BY position")
                .param(jobId)
                .query((rs, row) -> new ErasureJob.Failure(rs.getString("contact_id"), rs.getString("problem")))
                .list();
        return jdbc.sql("SELECT job_id, requested_by, all_overdue, state, total, processed, erased, failed, started_at,"
                        + " heartbeat_at, finished_at FROM erasure_job WHERE job_id = ?")
                .param(jobId)
                .query((rs, row) -> job(rs, failures))
                .optional();
    }

    /** The heartbeat of an unfinished job, to tell whether its node still runs it. */
    Optional<Instant> heartbeatOfUnfinished(String jobId) {
        return jdbc.sql("SELECT heartbeat_at FROM erasure_job WHERE job_id = ? AND state IN (?, ?)")
                .params(jobId, QUEUED, RUNNING)
                .query((rs, row) -> instant(rs, "heartbeat_at"))
                .optional();
    }

    private static ErasureJob job(ResultSet rs, List<ErasureJob.Failure> failures) throws SQLException {
        return new ErasureJob(
                rs.getString("job_id"),
                rs.getString("requested_by"),
                rs.getBoolean("all_overdue"),
                rs.getString("state"),
                rs.getInt("total"),
                rs.getInt("processed"),
                rs.getInt("erased"),
                rs.getInt("failed"),
                instant(rs, "started_at"),
                instant(rs, "finished_at"),
                failures);
    }
}
