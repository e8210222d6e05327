package io.consentledger.query.contact;

import io.consentledger.api.consent.ConsentCheck;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentConfirmed;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.api.consent.StandingChange;
import io.consentledger.api.consent.StandingStatus;
import java.time.Instant;

/**
 * Where a contact stands for one purpose: the fold of its {@link StandingChange}s, one at a time. Today's card (the
 * legal-basis projection keeps one per contact and purpose) and the card as of an instant ({@link PointInTime} folds
 * the event store) both compute it here, so they cannot disagree. Expiry is not an event: a consent past its
 * {@code validUntil} is {@code EXPIRED} from that instant on ({@link #statusAt}).
 *
 * @param status as recorded; {@link #statusAt} is what it means at an instant
 * @param since when it took effect: a consent when it was captured, a confirmed one when it was confirmed
 * @param recordedBy the actor who recorded the change
 * @param confirmationId the confirmation a consent waits for (double opt-in), which only it can settle
 * @param confirmationLapsesAt when that consent lapses unless confirmed
 */
record Standing(
        LegalBasis legalBasis,
        StandingStatus status,
        Integer purposeVersion,
        Instant since,
        String sourceId,
        String recordedBy,
        Instant validUntil,
        String confirmationId,
        Instant confirmationLapsesAt) {

    /** Nothing recorded for the purpose yet. */
    static final Standing NOT_RECORDED =
            new Standing(null, StandingStatus.NOT_RECORDED, null, null, null, null, null, null, null);

    /**
     * The standing after the change, recorded at {@code at} by {@code actor}; this one when the change does not apply
     * to it (a confirmation or lapse of a request it no longer waits for).
     */
    Standing apply(StandingChange change, Instant at, String actor) {
        // One case per permitted StandingChange (Java 17 has no pattern switch; StandingTest checks that none is left).
        if (change instanceof ConsentGranted granted) {
            return new Standing(
                    LegalBasis.CONSENT,
                    StandingStatus.GRANTED,
                    granted.purposeVersion(),
                    granted.capturedAt() == null ? at : granted.capturedAt(),
                    granted.sourceId(),
                    actor,
                    granted.validUntil(),
                    null,
                    null);
        } else if (change instanceof ConsentConfirmationRequested requested) {
            return new Standing(
                    LegalBasis.CONSENT,
                    StandingStatus.PENDING_CONFIRMATION,
                    requested.purposeVersion(),
                    requested.capturedAt() == null ? at : requested.capturedAt(),
                    requested.sourceId(),
                    actor,
                    requested.validUntil(),
                    requested.confirmationId(),
                    requested.lapsesAt());
        } else if (change instanceof ConsentConfirmed confirmed) {
            // Confirmed or lapsed, a consent keeps its source and validity as given.
            return awaits(confirmed.confirmationId())
                    ? settled(StandingStatus.GRANTED, confirmed.purposeVersion(), at, actor)
                    : this;
        } else if (change instanceof ConsentLapsed lapsed) {
            return awaits(lapsed.confirmationId())
                    ? settled(StandingStatus.LAPSED, lapsed.purposeVersion(), at, actor)
                    : this;
        } else if (change instanceof ConsentWithdrawn withdrawn) {
            return new Standing(
                    LegalBasis.CONSENT,
                    StandingStatus.WITHDRAWN,
                    withdrawn.purposeVersion(),
                    at,
                    withdrawn.sourceId(),
                    actor,
                    null,
                    null,
                    null);
        } else if (change instanceof LegalBasisDocumented documented) {
            return new Standing(
                    documented.legalBasis(),
                    StandingStatus.GRANTED,
                    documented.purposeVersion(),
                    at,
                    documented.sourceId(),
                    actor,
                    null,
                    null,
                    null);
        } else if (change instanceof LegalBasisEnded ended) {
            return new Standing(
                    ended.legalBasis(),
                    StandingStatus.ENDED,
                    ended.purposeVersion(),
                    at,
                    null,
                    actor,
                    null,
                    null,
                    null);
        }
        throw new IllegalArgumentException(
                "A standing change it does not know: " + change.getClass().getName());
    }

    /**
     * The status a change leaves on its own, without the standing before it: a confirmation or a lapse settles the
     * request it names (the contact's ledger emits them only for the request the consent waits for), every other change
     * replaces whatever stood. {@link Standings#statusAfter} makes it public for the change feed.
     */
    static StandingStatus statusAfter(StandingChange change) {
        String settles = null;
        if (change instanceof ConsentConfirmed confirmed) {
            settles = confirmed.confirmationId();
        } else if (change instanceof ConsentLapsed lapsed) {
            settles = lapsed.confirmationId();
        }
        Standing before = settles == null
                ? NOT_RECORDED
                : new Standing(
                        LegalBasis.CONSENT,
                        StandingStatus.PENDING_CONFIRMATION,
                        change.purposeVersion(),
                        null,
                        null,
                        null,
                        null,
                        settles,
                        null);
        return before.apply(change, null, null).status();
    }

    private boolean awaits(String confirmation) {
        return status == StandingStatus.PENDING_CONFIRMATION
                && confirmationId != null
                && confirmationId.equals(confirmation);
    }

    private Standing settled(StandingStatus settled, int version, Instant at, String actor) {
        return new Standing(legalBasis, settled, version, at, sourceId, actor, validUntil, null, null);
    }

    /** The status at the instant: a consent in force past its validity has expired. */
    StandingStatus statusAt(Instant instant) {
        if (status == StandingStatus.GRANTED && validUntil != null && !validUntil.isAfter(instant)) {
            return StandingStatus.EXPIRED;
        }
        return status;
    }

    /** Whether it is a legal basis in force at the instant: granted, and for consent not past its validity. */
    boolean inForceAt(Instant instant) {
        return statusAt(instant) == StandingStatus.GRANTED;
    }

    /**
     * When it stopped being a legal basis in force, for one that is not ({@link #inForceAt}): a consent that expired
     * when its validity ran out, anything else when it last changed; {@code null} when nothing was recorded.
     */
    Instant endedAt() {
        return status == StandingStatus.GRANTED ? validUntil : since;
    }

    /** The contact card's entry for the purpose, as it stands at the instant. */
    PurposeStanding toPurposeStanding(String purposeId, String purposeName, Instant instant) {
        return new PurposeStanding(
                purposeId,
                purposeName,
                purposeVersion,
                legalBasis,
                statusAt(instant),
                since,
                sourceId,
                recordedBy,
                validUntil,
                confirmationLapsesAt);
    }

    /** May the contact's data be processed for the purpose at the instant, and why (not)? */
    ConsentCheck check(boolean purposeActive, Instant instant) {
        StandingStatus effective = statusAt(instant);
        return new ConsentCheck(
                effective == StandingStatus.GRANTED && purposeActive,
                legalBasis,
                effective,
                reason(effective, purposeActive));
    }

    /** The check for a contact whose personal data was erased: the record stays as proof, but nothing is allowed. */
    static ConsentCheck erased() {
        return new ConsentCheck(false, null, StandingStatus.ERASED, "The contact was erased.");
    }

    /**
     * The check in bulk for a contact id no contact has (the single check answers 404 {@code unknown-contact}):
     * nothing is recorded about it, so nothing is allowed.
     */
    static ConsentCheck unknownContact() {
        return new ConsentCheck(false, null, StandingStatus.NOT_RECORDED, "The contact is not registered.");
    }

    private String reason(StandingStatus effective, boolean purposeActive) {
        if (effective == StandingStatus.NOT_RECORDED) {
            return "No legal basis is recorded for this purpose.";
        }
        if (!purposeActive) {
            return "The purpose is retired.";
        }
        return switch (effective) {
            case GRANTED ->
                legalBasis == LegalBasis.CONSENT ? "Consent is given." : legalBasis.displayName() + " applies.";
            case PENDING_CONFIRMATION -> "Consent waits for the person's confirmation.";
            case LAPSED -> "Consent was not confirmed in time.";
            case WITHDRAWN -> "Consent was withdrawn.";
            case EXPIRED -> "Consent has expired.";
            case ENDED -> "The legal basis has ended.";
            case NOT_RECORDED -> "No legal basis is recorded for this purpose.";
            case ERASED -> "The contact was erased.";
        };
    }
}
