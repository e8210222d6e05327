package io.consentledger.api.consent;

import java.time.Instant;

/** Asks whether, by what the ledger knew at an instant, a contact's data could be processed for a purpose. */
public record CheckConsentAsOf(String contactId, String purposeId, Instant asOf) {}
