package io.consentledger.query.contact;

import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.CheckConsentAsOf;
import io.consentledger.api.consent.CheckConsentsAsOf;
import io.consentledger.api.consent.ConsentCheck;
import io.consentledger.api.consent.ConsentCheckResult;
import io.consentledger.api.consent.ConsentCheckResults;
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
import io.consentledger.query.Rows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
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

    /** Contacts whose events one statement reads, when the event store is in the database. */
    private static final int CONTACTS_PER_READ = 1_000;

    private final EventStore events;
    private final JdbcClient jdbc;
    private final ObjectProvider<EventStorageEngine> storage;
    private final Serializer eventSerializer;
    private final ObjectProvider<Configuration> axon;

    PointInTime(
            EventStore events,
            JdbcClient jdbc,
            ObjectProvider<EventStorageEngine> storage,
            @Qualifier("eventSerializer") Serializer eventSerializer,
            ObjectProvider<Configuration> axon) {
        this.events = events;
        this.jdbc = jdbc;
        this.storage = storage;
        this.eventSerializer = eventSerializer;
        this.axon = axon;
    }

    /** A purpose as it stood at the instant. */
    record PurposeThen(String purposeId, String name, int version, boolean active) {}

    /** What was known of the contact at the instant: whether it was erased, and its standing per purpose. */
    record ContactThen(boolean erased, Map<String, Standing> standings) {

        Standing standing(String purposeId) {
            return standings.getOrDefault(purposeId, Standing.NOT_RECORDED);
        }

        /** The check's answer for the purpose as it stood at the instant. */
        ConsentCheck check(String purposeId, PurposeThen purpose, Instant asOf) {
            return erased ? Standing.erased() : standing(purposeId).check(purpose.active(), asOf);
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
        PurposeThen purpose =
                purpose(query.purposeId(), query.asOf()).orElseThrow(() -> new PurposeNotFound(query.purposeId()));
        return contact(query.contactId(), query.asOf())
                .map(contact -> contact.check(query.purposeId(), purpose, query.asOf()));
    }

    /**
     * The check as of an instant for many contacts: the same fold and the same answer as the single check for each,
     * their events read a thousand contacts per statement; a contact not registered by then is answered
     * {@link Standing#unknownContact()}.
     */
    @QueryHandler
    ConsentCheckResults handle(CheckConsentsAsOf query) {
        PurposeThen purpose =
                purpose(query.purposeId(), query.asOf()).orElseThrow(() -> new PurposeNotFound(query.purposeId()));
        Map<String, ContactThen> contacts = contacts(new LinkedHashSet<>(query.contactIds()), query.asOf());
        return new ConsentCheckResults(query.contactIds().stream()
                .map(contactId -> {
                    ContactThen contact = contacts.get(contactId);
                    return ConsentCheckResult.of(
                            contactId,
                            contact == null
                                    ? Standing.unknownContact()
                                    : contact.check(query.purposeId(), purpose, query.asOf()));
                })
                .toList());
    }

    /** The purpose as it stood at the instant; empty when it was not defined by then. */
    Optional<PurposeThen> purpose(String purposeId, Instant asOf) {
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
        return Optional.ofNullable(then);
    }

    /** The contact's standings from its events up to the instant; empty when it was not registered by then. */
    private Optional<ContactThen> contact(String contactId, Instant asOf) {
        return fold(events.readEvents(contactId).asStream(), asOf);
    }

    /**
     * What was known of each contact at the instant, by the contact's id; contacts not registered by then are left
     * out. With the event store in the database, the events of a thousand contacts are read per statement; otherwise
     * (Axon Server) contact by contact.
     */
    Map<String, ContactThen> contacts(Collection<String> contactIds, Instant asOf) {
        Map<String, ContactThen> known = new HashMap<>(contactIds.size() * 2);
        if (!(storage.getIfAvailable() instanceof JdbcEventStorageEngine)) {
            for (String contactId : contactIds) {
                contact(contactId, asOf).ifPresent(contact -> known.put(contactId, contact));
            }
            return known;
        }
        EventUpcaster upcasters = axon.getObject().upcasterChain();
        List<String> all = List.copyOf(contactIds);
        for (int from = 0; from < all.size(); from += CONTACTS_PER_READ) {
            String[] chunk = all.subList(from, Math.min(from + CONTACTS_PER_READ, all.size()))
                    .toArray(String[]::new);
            Map<String, List<DomainEventData<?>>> stored = new HashMap<>(chunk.length * 2);
            jdbc.sql("SELECT aggregateIdentifier, sequenceNumber, type, eventIdentifier, timeStamp, payloadType,"
                            + " payloadRevision, payload, metaData FROM DomainEventEntry"
                            + " WHERE aggregateIdentifier = ANY(?) ORDER BY aggregateIdentifier, sequenceNumber")
                    .param(Rows.array(chunk))
                    .query(rs -> {
                        String aggregateId = rs.getString("aggregateIdentifier");
                        stored.computeIfAbsent(aggregateId, id -> new ArrayList<>())
                                .add(new GenericDomainEventEntry<>(
                                        rs.getString("type"),
                                        aggregateId,
                                        rs.getLong("sequenceNumber"),
                                        rs.getString("eventIdentifier"),
                                        rs.getString("timeStamp"),
                                        rs.getString("payloadType"),
                                        rs.getString("payloadRevision"),
                                        rs.getBytes("payload"),
                                        rs.getBytes("metaData")));
                    });
            stored.forEach((contactId, entries) -> fold(
                            EventStreamUtils.upcastAndDeserializeDomainEvents(
                                            entries.stream(), eventSerializer, upcasters)
                                    .asStream(),
                            asOf)
                    .ifPresent(contact -> known.put(contactId, contact)));
        }
        return known;
    }

    /**
     * The one fold of a contact's events, oldest first, up to the instant: whether it was registered and erased, and
     * its standing for each purpose by {@link Standing}. Only the events that matter are deserialized.
     */
    private static Optional<ContactThen> fold(Stream<? extends DomainEventMessage<?>> stream, Instant asOf) {
        boolean registered = false;
        boolean erased = false;
        Map<String, Standing> standings = new HashMap<>();
        Iterator<? extends DomainEventMessage<?>> until =
                stream.takeWhile(event -> !event.getTimestamp().isAfter(asOf)).iterator();
        while (until.hasNext()) {
            DomainEventMessage<?> event = until.next();
            Class<?> type = event.getPayloadType();
            if (ContactRegistered.class.equals(type)) {
                registered = true;
            } else if (ContactErased.class.equals(type)) {
                erased = true;
            } else if (StandingChange.class.isAssignableFrom(type)) {
                StandingChange change = (StandingChange) event.getPayload();
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
            purpose(purposeId, asOf).ifPresent(then -> purposes.put(purposeId, then));
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
