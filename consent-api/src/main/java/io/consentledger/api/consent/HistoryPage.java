package io.consentledger.api.consent;

import java.util.List;

/** One page of a contact's history. */
public record HistoryPage(String contactId, int page, int size, long totalElements, List<HistoryEntry> items) {}
