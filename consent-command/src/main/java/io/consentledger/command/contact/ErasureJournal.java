package io.consentledger.command.contact;

/**
 * Keeps every acknowledged erasure outside the database, so that restoring a backup taken before it cannot bring the
 * person's key back: the journal is re-applied at start. Called after the erasure's transaction committed and before it
 * is acknowledged; erasing again (a no-op in the store) records it again, which is harmless.
 */
public interface ErasureJournal {

    /** Makes the erasure of the contact durable in the journal; throws {@link ErasureNotJournaled} when it cannot. */
    void recordErased(String contactId);

    /**
     * Whether the journal holds an erasure of this contact id. After a restore from a backup taken before the contact
     * was even registered, the store knows nothing of them, and only this keeps their id from being registered again.
     */
    boolean holds(String contactId);
}
