package io.consentledger.app;

import org.springframework.transaction.TransactionSystemException;

/**
 * The connection to the database broke while a transaction was being committed: the database may have committed it
 * or not, and nobody on this side can tell. A command failing so may or may not have stored its events.
 */
public class CommitOutcomeUnknown extends TransactionSystemException {

    CommitOutcomeUnknown(Throwable cause) {
        super("The database connection broke during commit; the transaction may or may not be committed", cause);
    }
}
