package io.consentledger.command.contact;

/**
 * The contact is erased in the store, but the erasure could not be made durable in the erasure journal (e.g. its
 * directory is not writable). Not a refusal: the erasure stands; erasing again (idempotent) writes the journal again.
 */
public class ErasureNotJournaled extends RuntimeException {

    public ErasureNotJournaled(String contactId, Throwable cause) {
        super("Contact " + contactId + " is erased, but the erasure journal could not be written", cause);
    }
}
