package io.consentledger.api.audit;

import java.util.List;

/** One page of the ledger's changes, newest first. */
public record LedgerChangesPage(int page, int size, long totalElements, List<LedgerChange> items) {}
