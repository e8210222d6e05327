package io.consentledger.query.contact;

import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.CheckConsentAsOf;
import io.consentledger.api.consent.ConsentCheck;
import io.consentledger.api.consent.FindLegalBasisAsOf;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisNamed;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.api.consent.StandingChange;
import io.consentledger.api.contact.ContactErased;
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
 * contact's events and every purpose's events up to that instant are folded again (a contact's standings by the same
 * {@link Standing} as today's card), so purpose names, versions and retirements are as they were then. Only the ids of
 * the purposes come from the legal-basis read model (purposes are never deleted), which a fresh read brings up to date
 * first. For auditors; slower than the projections, and exact.
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

    /** What was known of the contact at the instant: whether it was erased, and its standing per purpose. */
    private record ContactThen(boolean erased, Map<String, Standing> standings) {

        Standing standing(String purposeId) {
            return standings.getOrDefault(purposeId, Standing.NOT_RECORDED);
        }
    }

    @QueryHandler
    Optional<LegalBasisView> handle(FindLegalBasisAsOf query) {
        return contact(query.contactId(), query.asOf()).map(contact -> {
            List<PurposeStanding> purposes = purposes(query.asOf()).values().stream()
                    .filter(PurposeThen::active)
                    .map(purpose -> contact.standing(purpose.purposeId())
                            .toPurposeStanding(purpose.purposeId(), purpose.name(), query.asOf()))
                    .toList();
            return new LegalBasisView(
                    query.contactId(), LegalBasisSummary.of(purposes, legalBasisNames(query.asOf())), purposes);
        });
    }

    @QueryHandler
    Optional<ConsentCheck> handle(CheckConsentAsOf query) {
        PurposeThen purpose = purposes(query.asOf()).get(query.purposeId());
        if (purpose == null) {
            throw new PurposeNotFound(query.purposeId());
        }
        return contact(query.contactId(), query.asOf())
                .map(contact -> contact.erased()
                        ? Standing.erased()
                        : contact.standing(query.purposeId()).check(purpose.active(), query.asOf()));
    }

    /** The contact's standings from its events up to the instant; empty when it was not registered by then. */
    private Optional<ContactThen> contact(String contactId, Instant asOf) {
        boolean registered = false;
        boolean erased = false;
        Map<String, Standing> standings = new HashMap<>();
        for (DomainEventMessage<?> event : until(contactId, asOf)) {
            Object payload = event.getPayload();
            if (payload instanceof ContactRegistered) {
                registered = true;
            } else if (payload instanceof ContactErased) {
                erased = true;
            } else if (payload instanceof StandingChange change) {
                String actor = (String) event.getMetaData().get(LedgerMetadata.ACTOR);
                standings.put(
                        change.purposeId(),
                        standings
                                .getOrDefault(change.purposeId(), Standing.NOT_RECORDED)
                                .apply(change, event.getTimestamp(), actor));
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
        List<String> ids = jdbc.sql("SELECT purpose_id FROM basis_purpose")
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
}
