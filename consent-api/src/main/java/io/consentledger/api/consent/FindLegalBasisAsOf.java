package io.consentledger.api.consent;

import java.time.Instant;

/** Asks what the ledger knew at an instant about a contact's legal bases, purposes as they were then. */
public record FindLegalBasisAsOf(String contactId, Instant asOf) {}
