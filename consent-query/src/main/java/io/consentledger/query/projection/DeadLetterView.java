package io.consentledger.query.projection;

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
        String sequence,
        String eventType,
        Long sequenceNumber,
        Long globalPosition,
        String cause,
        Instant enqueuedAt,
        Instant lastTouched,
        int retries) {}
