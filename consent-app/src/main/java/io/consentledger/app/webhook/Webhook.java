package io.consentledger.app.webhook;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.consentledger.api.consent.Change;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** A webhook subscriber as the API and the back office show it; the secret only in the answer that made it. */
@Schema(description = "A webhook subscriber: where changes go, its cursor and how deliveries are going")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Webhook(
        @Schema(description = "The subscriber's id", example = "3f1c0f6e-8a52-4a55-9a3c-2b1f4f0a9c11")
        String webhookId,

        @Schema(description = "Where batches are posted", example = "https://crm.example.com/consent-ledger/webhook")
        String url,

        @Schema(description = "What it is for", example = "Email platform: suppression list")
        String description,

        @Schema(description = "The change codes delivered; empty: every one", example = "[\"CONSENT_WITHDRAWN\"]")
        List<Change> changes,

        @Schema(
                description = "The purposes delivered (an erasure concerns every one); empty: every one",
                example = "[\"e-marketing\"]")
        List<String> purposes,

        @Schema(description = "ACTIVE: delivered to; PAUSED: stopped, its cursor kept", example = "ACTIVE")
        WebhookState state,

        @Schema(
                description = "Why it is paused: PAUSED_BY_ADMIN or RECEIVER_FAILING (failed for longer than"
                        + " consent.webhooks.pause-after)",
                example = "RECEIVER_FAILING")
        PauseReason pausedReason,

        @Schema(
                description = "The cursor: the position of the last event it has had (-1: none yet); the next"
                        + " delivery holds changes after it",
                example = "4711")
        long position,

        @Schema(description = "Events stored after the cursor (the newest position minus the cursor)", example = "0")
        long lag,

        @Schema(description = "A replay asked for and not yet applied: the position it delivers after", example = "-1")
        Long replayFrom,

        @Schema(description = "When the last delivery was tried", example = "2026-03-01T12:00:01.250Z")
        Instant lastDeliveryAt,

        @Schema(
                description = "The last delivery's outcome: the receiver's HTTP status, or timeout, connection-failed,"
                        + " unknown-host, refused-address",
                example = "200")
        String lastDeliveryStatus,

        @Schema(description = "Deliveries that failed in a row since the last 2xx", example = "0")
        int consecutiveFailures,

        @Schema(description = "Since when the receiver has been failing", example = "2026-03-01T11:58:00Z")
        Instant failingSince,

        @Schema(description = "When the next attempt is due after a failure", example = "2026-03-01T12:00:05Z")
        Instant nextAttemptAt,

        @Schema(description = "Who registered it", example = "admin")
        String createdBy,

        @Schema(description = "When it was registered", example = "2026-02-01T09:00:00Z")
        Instant createdAt,

        @Schema(
                description = "The signing secret: only in the answer to a registration or a rotation, never again",
                example = "whsec_2bq1N6m0k7yqvQ4sQy0pJt7m3c0Zr8fXwW1d9h2Lk5A")
        String secret) {}
