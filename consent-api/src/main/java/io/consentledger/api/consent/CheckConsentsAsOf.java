package io.consentledger.api.consent;

import java.time.Instant;
import java.util.List;

/** Asks, for each of many contacts, whether by what the ledger knew at an instant its data could be processed. */
public record CheckConsentsAsOf(String purposeId, List<String> contactIds, Instant asOf) {}
