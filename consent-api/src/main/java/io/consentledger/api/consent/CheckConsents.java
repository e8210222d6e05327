package io.consentledger.api.consent;

import java.util.List;

/** Asks, for each of many contacts, whether its data may be processed for a purpose right now. */
public record CheckConsents(String purposeId, List<String> contactIds) {}
