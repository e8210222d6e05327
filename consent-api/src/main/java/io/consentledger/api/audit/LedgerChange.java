package io.consentledger.api.audit;

import io.consentledger.api.consent.HistoryEntry;

/** One change to one contact's ledger. */
public record LedgerChange(String contactId, HistoryEntry entry) {}
