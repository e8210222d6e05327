package io.consentledger.api.audit;

import java.time.Instant;

/**
 * Asks for the changes to contacts' ledgers recorded in [from, to), newest first, paged; every filter is optional
 * ({@code null}): contact id, purpose id, change type (e.g. {@code CONSENT_WITHDRAWN}) and actor match exactly.
 */
public record FindLedgerChanges(
        Instant from,
        Instant to,
        String contactId,
        String purposeId,
        String change,
        String actor,
        int page,
        int size) {}
