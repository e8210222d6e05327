package io.consentledger.query.contact;

import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.CheckConsentAsOf;
import io.consentledger.api.consent.ConsentCheck;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentConfirmed;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentStatus;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.FindLegalBasisAsOf;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.LegalBasisNamed;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.PurposeBasis;
import io.consentledger.api.contact.ContactForgotten;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.purpose.PurposeDefined;
import io.consentledger.api.purpose.PurposeRetired;
import io.consentledger.api.purpose.PurposeRevised;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the ledger knew at a given instant, computed from the event store rather than today's read models: the
 * contact's events and every purpose's events up to that instant are folded again, so purpose names, versions and
 * retirements are as they were then. Only the ids of the purposes come from the catalog view (purposes are never
 * deleted), which callers bring up to date first. For auditors; slower than the projections, and exact.
 */
@Component
class PointInTime {

    private final EventStore events;
    private final JdbcClient jdbc;

    PointInTime(EventStore events, JdbcClient jdbc) {
        this.events = events;
        this.jdbc = jdbc;
    }

    /** A purpose as it stood at the instant. */
    private record PurposeThen(String purposeId, String name, int version, boolean active) {}

    /** What was known of the contact at the instant. */
    private record ContactThen(boolean erased, Map<String, PurposeBasis> standings) {}

    @QueryHandler
    Optional<LegalBasisView> handle(FindLegalBasisAsOf query) {
        return contact(query.contactId(), query.asOf()).map(contact -> {
            List<PurposeBasis> purposes = new ArrayList<>();
            for (PurposeThen purpose : purposes(query.asOf()).values()) {
                if (!purpose.active()) {
                    continue;
                }
                PurposeBasis standing = contact.standings().get(purpose.purposeId());
                purposes.add(
                        standing == null
                                ? new PurposeBasis(
                                        purpose.purposeId(),
                                        purpose.name(),
                                        null,
                                        null,
                                        ConsentStatus.NOT_RECORDED,
                                        null,
                                        null,
                                        null,
                                        null,
                                        null)
                                : named(standing, purpose.name(), query.asOf()));
            }
            return new LegalBasisView(
                    query.contactId(), LegalBasisProjection.summary(purposes, legalBasisNames(query.asOf())), purposes);
        });
    }

    @QueryHandler
    Optional<ConsentCheck> handle(CheckConsentAsOf query) {
        PurposeThen purpose = purposes(query.asOf()).get(query.purposeId());
        if (purpose == null) {
            throw new PurposeNotFound(query.purposeId());
        }
        return contact(query.contactId(), query.asOf()).map(contact -> {
            if (contact.erased()) {
                return new ConsentCheck(false, null, ConsentStatus.ERASED, "The contact was erased.");
            }
            PurposeBasis standing = contact.standings().get(query.purposeId());
            if (standing == null) {
                return new ConsentCheck(
                        false, null, ConsentStatus.NOT_RECORDED, "No legal basis is recorded for this purpose.");
            }
            ConsentStatus status = named(standing, purpose.name(), query.asOf()).status();
            return new ConsentCheck(
                    status == ConsentStatus.GRANTED && purpose.active(),
                    standing.legalBasis(),
                    status,
                    LegalBasisProjection.reason(standing.legalBasis(), status, purpose.active()));
        });
    }

    /** The contact's standings from its events up to the instant; empty when it was not registered by then. */
    private Optional<ContactThen> contact(String contactId, Instant asOf) {
        boolean registered = false;
        boolean erased = false;
        Map<String, PurposeBasis> standings = new HashMap<>();
        for (DomainEventMessage<?> event : until(contactId, asOf)) {
            Instant at = event.getTimestamp();
            String actor = (String) event.getMetaData().get(LedgerMetadata.ACTOR);
            Object payload = event.getPayload();
            if (payload instanceof ContactRegistered) {
                registered = true;
            } else if (payload instanceof ContactForgotten) {
                erased = true;
            } else if (payload instanceof ConsentGranted granted) {
                standings.put(
                        granted.purposeId(),
                        standing(
                                granted.purposeId(),
                                granted.purposeVersion(),
                                LegalBasis.CONSENT,
                                ConsentStatus.GRANTED,
                                granted.capturedAt() == null ? at : granted.capturedAt(),
                                granted.sourceId(),
                                actor,
                                granted.validUntil()));
            } else if (payload instanceof ConsentConfirmationRequested requested) {
                standings.put(
                        requested.purposeId(),
                        standing(
                                requested.purposeId(),
                                requested.purposeVersion(),
                                LegalBasis.CONSENT,
                                ConsentStatus.PENDING_CONFIRMATION,
                                requested.capturedAt() == null ? at : requested.capturedAt(),
                                requested.sourceId(),
                                actor,
                                requested.validUntil()));
            } else if (payload instanceof ConsentConfirmed confirmed) {
                PurposeBasis pending = standings.get(confirmed.purposeId());
                standings.put(
                        confirmed.purposeId(),
                        standing(
                                confirmed.purposeId(),
                                confirmed.purposeVersion(),
                                LegalBasis.CONSENT,
                                ConsentStatus.GRANTED,
                                at,
                                pending == null ? null : pending.sourceId(),
                                actor,
                                pending == null ? null : pending.validUntil()));
            } else if (payload instanceof ConsentLapsed lapsed) {
                PurposeBasis pending = standings.get(lapsed.purposeId());
                standings.put(
                        lapsed.purposeId(),
                        standing(
                                lapsed.purposeId(),
                                lapsed.purposeVersion(),
                                LegalBasis.CONSENT,
                                ConsentStatus.LAPSED,
                                at,
                                pending == null ? null : pending.sourceId(),
                                actor,
                                null));
            } else if (payload instanceof ConsentWithdrawn withdrawn) {
                standings.put(
                        withdrawn.purposeId(),
                        standing(
                                withdrawn.purposeId(),
                                withdrawn.purposeVersion(),
                                LegalBasis.CONSENT,
                                ConsentStatus.WITHDRAWN,
                                at,
                                withdrawn.sourceId(),
                                actor,
                                null));
            } else if (payload instanceof LegalBasisDocumented documented) {
                standings.put(
                        documented.purposeId(),
                        standing(
                                documented.purposeId(),
                                documented.purposeVersion(),
                                documented.legalBasis(),
                                ConsentStatus.GRANTED,
                                at,
                                documented.sourceId(),
                                actor,
                                null));
            } else if (payload instanceof LegalBasisEnded ended) {
                standings.put(
                        ended.purposeId(),
                        standing(
                                ended.purposeId(),
                                ended.purposeVersion(),
                                ended.legalBasis(),
                                ConsentStatus.ENDED,
                                at,
                                null,
                                actor,
                                null));
            }
        }
        return registered ? Optional.of(new ContactThen(erased, standings)) : Optional.empty();
    }

    /** The name of each legal basis at the instant: the last name given by then, else the standard one. */
    private Map<LegalBasis, String> legalBasisNames(Instant asOf) {
        Map<LegalBasis, String> names = new EnumMap<>(LegalBasis.class);
        for (LegalBasis basis : LegalBasis.values()) {
            names.put(basis, basis.displayName());
            for (DomainEventMessage<?> event : until(StreamIds.legalBasis(basis), asOf)) {
                if (event.getPayload() instanceof LegalBasisNamed named) {
                    names.put(basis, named.name());
                }
            }
        }
        return names;
    }

    /** Every purpose defined by the instant, in its terms of then, by id. */
    private Map<String, PurposeThen> purposes(Instant asOf) {
        Map<String, PurposeThen> purposes = new TreeMap<>();
        List<String> ids = jdbc.sql("SELECT purpose_id FROM purpose_view")
                .query(String.class)
                .list();
        for (String purposeId : ids) {
            PurposeThen then = null;
            for (DomainEventMessage<?> event : until(StreamIds.purpose(purposeId), asOf)) {
                Object payload = event.getPayload();
                if (payload instanceof PurposeDefined defined) {
                    then = new PurposeThen(purposeId, defined.terms().name(), defined.version(), true);
                } else if (payload instanceof PurposeRevised revised && then != null) {
                    then = new PurposeThen(purposeId, revised.terms().name(), revised.version(), then.active());
                } else if (payload instanceof PurposeRetired && then != null) {
                    then = new PurposeThen(purposeId, then.name(), then.version(), false);
                }
            }
            if (then != null) {
                purposes.put(purposeId, then);
            }
        }
        return purposes;
    }

    /** The aggregate's events stored up to and including the instant. */
    private List<DomainEventMessage<?>> until(String aggregateId, Instant asOf) {
        List<DomainEventMessage<?>> found = new ArrayList<>();
        events.readEvents(aggregateId)
                .asStream()
                .takeWhile(event -> !event.getTimestamp().isAfter(asOf))
                .forEach(found::add);
        return found;
    }

    private static PurposeBasis standing(
            String purposeId,
            int version,
            LegalBasis basis,
            ConsentStatus status,
            Instant since,
            String sourceId,
            String recordedBy,
            Instant validUntil) {
        return new PurposeBasis(purposeId, null, version, basis, status, since, sourceId, recordedBy, validUntil, null);
    }

    /** The standing with the purpose's name of then, and a consent past its validity expired as of the instant. */
    private static PurposeBasis named(PurposeBasis standing, String name, Instant asOf) {
        ConsentStatus status = standing.status() == ConsentStatus.GRANTED
                        && standing.validUntil() != null
                        && !standing.validUntil().isAfter(asOf)
                ? ConsentStatus.EXPIRED
                : standing.status();
        return new PurposeBasis(
                standing.purposeId(),
                name,
                standing.purposeVersion(),
                standing.legalBasis(),
                status,
                standing.since(),
                standing.sourceId(),
                standing.recordedBy(),
                standing.validUntil(),
                null);
    }
}
