package io.consentledger.query;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.axonframework.common.ExceptionUtils;

/**
 * An event a projection could not process, described without personal data: the failure's class, the database's
 * SQLState and the class of its root cause, never their messages (a database's message may quote the values it
 * refused). Keeps the original stack trace, so the failing line is still known.
 */
public class ProjectionFailure extends RuntimeException {

    /**
     * SQLState classes of failures that are not the event's fault and pass on another try: connection (08),
     * transaction rollback such as serialization failures and deadlocks (40), insufficient resources (53), operator
     * intervention such as a server shutdown or a statement timeout (57).
     */
    private static final Set<String> TRANSIENT_STATE_CLASSES = Set.of("08", "40", "53", "57");

    /** Lock not available (PostgreSQL) and a lock timeout (H2). */
    private static final Set<String> TRANSIENT_STATES = Set.of("55P03", "HYT00");

    private final boolean transientFailure;
    private final boolean unisolated;

    private ProjectionFailure(
            String summary, StackTraceElement[] stackTrace, boolean transientFailure, boolean unisolated) {
        super(summary);
        setStackTrace(stackTrace);
        this.transientFailure = transientFailure;
        this.unisolated = unisolated;
    }

    /** The failure as a summary free of values; a {@code ProjectionFailure} is returned as it is. */
    public static ProjectionFailure of(Throwable failure) {
        if (failure instanceof ProjectionFailure projectionFailure) {
            return projectionFailure;
        }
        return new ProjectionFailure(summary(failure), failure.getStackTrace(), isTransient(failure), false);
    }

    /** A failure of a handler that ran without a savepoint of its own (see {@link EventSavepoints}). */
    static ProjectionFailure unisolated(Throwable failure) {
        return new ProjectionFailure(summary(failure), failure.getStackTrace(), isTransient(failure), true);
    }

    /** Whether another try may succeed as it is (a lost connection, a deadlock), so the event is not to blame. */
    public boolean isTransient() {
        return transientFailure;
    }

    /**
     * Whether the handler failed without a savepoint of its own, so its batch's transaction may hold its half-done
     * work or be refused by the database: the batch must be rolled back and processed again, with savepoints.
     */
    public boolean isUnisolated() {
        return unisolated;
    }

    /** E.g. {@code org.springframework.dao.DataIntegrityViolationException (SQLState 22001; PSQLException)}. */
    static String summary(Throwable failure) {
        StringBuilder summary = new StringBuilder(failure.getClass().getName());
        String state = sqlState(failure);
        Throwable root = root(failure);
        if (state != null || root != failure) {
            summary.append(" (");
            if (state != null) {
                summary.append("SQLState ").append(state);
            }
            if (root != failure) {
                summary.append(state != null ? "; " : "").append(root.getClass().getSimpleName());
            }
            summary.append(')');
        }
        return summary.toString();
    }

    private static boolean isTransient(Throwable failure) {
        if (ExceptionUtils.findException(failure, SQLTransientException.class).isPresent()
                || ExceptionUtils.findException(failure, SQLRecoverableException.class)
                        .isPresent()
                || ExceptionUtils.findException(failure, IOException.class).isPresent()) {
            return true;
        }
        String state = sqlState(failure);
        return state != null
                && state.length() == 5
                && (TRANSIENT_STATE_CLASSES.contains(state.substring(0, 2)) || TRANSIENT_STATES.contains(state));
    }

    private static String sqlState(Throwable failure) {
        return ExceptionUtils.findException(failure, SQLException.class)
                .map(SQLException::getSQLState)
                .orElse(null);
    }

    private static Throwable root(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
