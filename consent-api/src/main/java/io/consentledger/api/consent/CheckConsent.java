package io.consentledger.api.consent;

/** Asks whether a contact's data may be processed for a purpose right now. */
public record CheckConsent(String contactId, String purposeId) {}
