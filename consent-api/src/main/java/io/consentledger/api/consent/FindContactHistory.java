package io.consentledger.api.consent;

/** Asks for one page of a contact's history, oldest change first, or newest first with {@code newestFirst}. */
public record FindContactHistory(String contactId, int page, int size, boolean newestFirst) {

    /** Oldest change first. */
    public FindContactHistory(String contactId, int page, int size) {
        this(contactId, page, size, false);
    }
}
