package io.consentledger.api.contact;

import java.time.Instant;

/**
 * A registered contact's details as the ledger holds them; {@code name} and {@code email} are personal data, and
 * {@code null} once the contact was erased ({@code erasedAt}).
 */
public record ContactDetails(
        String contactId, String name, String email, String sourceId, Instant registeredAt, Instant erasedAt) {}
