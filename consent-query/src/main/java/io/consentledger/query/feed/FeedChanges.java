package io.consentledger.query.feed;

import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.consent.Change;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentConfirmed;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.StandingChange;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.feed.FeedChange;
import io.consentledger.query.contact.Standings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;

/**
 * The feed change an event makes, the one mapping that the change feed, webhooks and the broker share: every
 * {@link StandingChange} and every {@link ContactErased}, with ids and codes only (no personal data component of an
 * event is read). Pure: no Spring, no database, so each integration's own tracking processor can call it with its
 * token's position.
 */
public final class FeedChanges {

    private FeedChanges() {}

    /**
     * The feed change the event makes at the position (its own global index in the event store), or empty for an
     * event that changes no standing. In a tracking processor's handler take the position from
     * {@link EventPositions#of}, not from the token: with the JDBC event store an event that fills a gap would get the
     * token's higher position.
     */
    public static Optional<FeedChange> of(EventMessage<?> event, long position) {
        Object payload = event.getPayload();
        Instant recordedAt = micros(event.getTimestamp());
        String actor = Objects.toString(event.getMetaData().get(LedgerMetadata.ACTOR), null);
        String channel = Objects.toString(event.getMetaData().get(LedgerMetadata.CHANNEL), null);
        if (payload instanceof ContactErased erased) {
            return Optional.of(new FeedChange(
                    position,
                    erased.contactId(),
                    null,
                    Change.CONTACT_ERASED,
                    StandingStatus.ERASED,
                    null,
                    null,
                    null,
                    null,
                    actor,
                    channel,
                    recordedAt,
                    recordedAt));
        }
        if (!(payload instanceof StandingChange change)) {
            return Optional.empty();
        }
        Facts facts = facts(change);
        return Optional.of(new FeedChange(
                position,
                change.contactId(),
                change.purposeId(),
                facts.change(),
                Standings.statusAfter(change),
                facts.legalBasis(),
                change.purposeVersion(),
                facts.sourceId(),
                micros(facts.validUntil()),
                actor,
                channel,
                facts.capturedAt() == null ? recordedAt : micros(facts.capturedAt()),
                recordedAt));
    }

    /**
     * Times to the microsecond, as the database keeps them: the feed's table, the webhooks' and the broker's copies of
     * a change are equal to the last digit.
     */
    private static Instant micros(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** What a standing change says beyond the fields every one has. */
    private record Facts(
            Change change, LegalBasis legalBasis, String sourceId, Instant validUntil, Instant capturedAt) {}

    private static Facts facts(StandingChange change) {
        // One case per permitted StandingChange (Java 17 has no pattern switch; FeedChangesTest checks that none is
        // left).
        if (change instanceof ConsentGranted granted) {
            return new Facts(
                    Change.CONSENT_GRANTED,
                    LegalBasis.CONSENT,
                    granted.sourceId(),
                    granted.validUntil(),
                    granted.capturedAt());
        } else if (change instanceof ConsentConfirmationRequested requested) {
            return new Facts(
                    Change.CONSENT_CONFIRMATION_REQUESTED,
                    LegalBasis.CONSENT,
                    requested.sourceId(),
                    requested.validUntil(),
                    requested.capturedAt());
        } else if (change instanceof ConsentConfirmed) {
            return new Facts(Change.CONSENT_CONFIRMED, LegalBasis.CONSENT, null, null, null);
        } else if (change instanceof ConsentLapsed) {
            return new Facts(Change.CONSENT_LAPSED, LegalBasis.CONSENT, null, null, null);
        } else if (change instanceof ConsentWithdrawn withdrawn) {
            return new Facts(Change.CONSENT_WITHDRAWN, LegalBasis.CONSENT, withdrawn.sourceId(), null, null);
        } else if (change instanceof LegalBasisDocumented documented) {
            return new Facts(Change.LEGAL_BASIS_DOCUMENTED, documented.legalBasis(), documented.sourceId(), null, null);
        } else if (change instanceof LegalBasisEnded ended) {
            return new Facts(Change.LEGAL_BASIS_ENDED, ended.legalBasis(), null, null, null);
        }
        throw new IllegalArgumentException(
                "A standing change it does not know: " + change.getClass().getName());
    }
}
