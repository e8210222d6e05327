package io.consentledger.app;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import javax.sql.DataSource;
import org.axonframework.common.ExceptionUtils;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

/**
 * Spring Boot's JDBC transaction manager, telling apart the one commit failure after which nobody knows what was
 * stored: the connection broke while the commit was under way (SQLState class 08, or an I/O error), so the database
 * may have committed. That failure becomes {@link CommitOutcomeUnknown}, and no rollback is tried on the broken
 * connection (its failure would hide the commit's). Every other failure, and any failure before the commit, is passed
 * on as before: the database rolls back what was never committed.
 */
class CommitAwareTransactionManager extends JdbcTransactionManager {

    CommitAwareTransactionManager(DataSource dataSource) {
        super(dataSource);
    }

    @Override
    protected void doCommit(DefaultTransactionStatus status) {
        try {
            super.doCommit(status);
        } catch (RuntimeException e) {
            if (connectionBroke(e)) {
                throw new CommitOutcomeUnknown(e);
            }
            throw e;
        }
    }

    static boolean connectionBroke(Throwable failure) {
        if (ExceptionUtils.findException(failure, SQLNonTransientConnectionException.class)
                        .isPresent()
                || ExceptionUtils.findException(failure, SQLTransientConnectionException.class)
                        .isPresent()
                || ExceptionUtils.findException(failure, IOException.class).isPresent()) {
            return true;
        }
        return ExceptionUtils.findException(failure, SQLException.class)
                .map(SQLException::getSQLState)
                .filter(state -> state.startsWith("08"))
                .isPresent();
    }
}
