package io.consentledger.api;

import java.sql.SQLException;

/**
 * A failure as it may be logged: every exception of the chain by its class (and SQLState), with its stack trace,
 * but without its message, which may quote the personal data it failed on (a database's "Failing row contains …").
 */
public final class ValueFreeFailure extends RuntimeException {

    private ValueFreeFailure(Throwable failure, ValueFreeFailure cause) {
        super(describe(failure), cause, false, true);
        setStackTrace(failure.getStackTrace());
    }

    /** The failure and its causes, stripped of their messages. */
    public static ValueFreeFailure of(Throwable failure) {
        if (failure instanceof ValueFreeFailure valueFree) {
            return valueFree;
        }
        Throwable cause = failure.getCause();
        return new ValueFreeFailure(failure, cause == null || cause == failure ? null : of(cause));
    }

    /** E.g. {@code org.postgresql.util.PSQLException (SQLState 23502)}. */
    private static String describe(Throwable failure) {
        String name = failure.getClass().getName();
        return failure instanceof SQLException sql && sql.getSQLState() != null
                ? name + " (SQLState " + sql.getSQLState() + ")"
                : name;
    }
}
