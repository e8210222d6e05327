package io.consentledger.api.contact;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * A registered contact's details as the ledger holds them; {@code name} and {@code email} are personal data, and
 * {@code null} once the contact was erased ({@code erasedAt}).
 */
public record ContactDetails(
        @Schema(description = "The contact's id in your CRM", example = "crm-4711")
        String contactId,

        @Schema(description = "The person's name; null once erased", example = "Ann Smith")
        String name,

        @Schema(description = "The person's email address; null once erased", example = "ann@example.com")
        String email,

        @Schema(description = "The source the contact was registered from", example = "web-form")
        String sourceId,

        @Schema(description = "When the contact was registered", example = "2025-03-01T09:30:00Z")
        Instant registeredAt,

        @Schema(
                description = "When the contact's personal data was erased; null if not",
                example = "2026-01-10T12:00:00Z")
        Instant erasedAt) {}
