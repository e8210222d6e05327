package io.consentledger.query.projection;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * An event a projection could not process, kept in Axon's dead-letter queue; its payload is not shown.
 *
 * @param sequence the sequence it blocks: the contact id (catalog events: {@code purpose/…}, {@code source/…})
 * @param eventType the event's type, e.g. {@code ContactRegistered}
 * @param sequenceNumber the event's number in its contact's stream
 * @param globalPosition the event's position in the event store
 * @param cause why it failed, without the values involved: the failure's class, SQLState and root cause's class
 * @param enqueuedAt when it was dead-lettered
 * @param lastTouched when it was dead-lettered or last retried
 * @param retries how many retries processed it again without success
 */
public record DeadLetterView(
        @Schema(
                description = "The sequence it blocks: the contact id, or purpose/… and source/… for catalog events",
                example = "crm-4711")
        String sequence,

        @Schema(description = "The event's type", example = "ContactRegistered")
        String eventType,

        @Schema(description = "The event's number in its contact's stream", example = "3")
        Long sequenceNumber,

        @Schema(description = "The event's position in the event store", example = "120934")
        Long globalPosition,

        @Schema(
                description = "Why it failed, without the values involved: the failure's class, SQLState and root"
                        + " cause's class",
                example = "DataIntegrityViolationException SQLState 23505")
        String cause,

        @Schema(description = "When it was dead-lettered", example = "2026-11-30T10:15:30Z")
        Instant enqueuedAt,

        @Schema(description = "When it was dead-lettered or last retried", example = "2026-11-30T10:20:00Z")
        Instant lastTouched,

        @Schema(description = "How many retries processed it again without success", example = "1")
        int retries) {}
