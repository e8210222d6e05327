package io.consentledger.api.consent;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * Where one contact stands for one purpose, and who recorded it when; {@code confirmationLapsesAt} is set while a
 * consent waits for the person's confirmation.
 */
public record PurposeStanding(
        @Schema(description = "The purpose's id", example = "e-marketing")
        String purposeId,

        @Schema(description = "The purpose's name", example = "E-marketing")
        String purposeName,

        @Schema(description = "The version of the purpose's terms the basis was recorded under", example = "2")
        Integer purposeVersion,

        @Schema(description = "The legal basis of GDPR Art. 6(1) the processing rests on")
        LegalBasis legalBasis,

        @Schema(description = "Where the contact stands now; only GRANTED allows processing")
        StandingStatus status,

        @Schema(description = "Since when the status holds", example = "2025-03-01T09:30:00Z")
        Instant since,

        @Schema(description = "The source the basis was recorded from", example = "web-form")
        String sourceId,

        @Schema(description = "The user who recorded it", example = "crm-sync")
        String recordedBy,

        @Schema(
                description = "When the basis runs out, if it does; EXPIRED from then on",
                example = "2027-03-01T00:00:00Z")
        Instant validUntil,

        @Schema(
                description = "While the consent waits for the person's confirmation: when it lapses unconfirmed",
                example = "2025-03-08T09:30:00Z")
        Instant confirmationLapsesAt) {}
