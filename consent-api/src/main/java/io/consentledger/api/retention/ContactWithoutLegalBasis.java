package io.consentledger.api.retention;

import java.time.Instant;
import java.time.Period;

/**
 * A contact with no legal basis in force. When they had one, {@code lastBasisEndedAt} says when the last one ended
 * (withdrawn, ended, lapsed or expired), for which purpose, and {@code retentionEndsAt} until when that purpose's
 * retention allows keeping the data. {@code overdue}: the data should go now — the retention has run out, or the
 * contact never had a legal basis at all.
 */
public record ContactWithoutLegalBasis(
        String contactId,
        Instant registeredAt,
        Instant lastBasisEndedAt,
        String purposeId,
        Period retention,
        Instant retentionEndsAt,
        boolean overdue) {}
