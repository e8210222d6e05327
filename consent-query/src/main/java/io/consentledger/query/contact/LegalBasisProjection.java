package io.consentledger.query.contact;

import static io.consentledger.query.Rows.instant;
import static io.consentledger.query.Rows.utc;

import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.consent.CheckConsent;
import io.consentledger.api.consent.ConsentCheck;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentConfirmed;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentStatus;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.PurposeBasis;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.ContactDetailsUpdated;
import io.consentledger.api.contact.ContactForgotten;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.contact.ContactSearchPage;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.contact.FindContacts;
import io.consentledger.query.EventSavepoints;
import io.consentledger.query.catalog.LegalBasisNames;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The contact card's legal-basis field: the standing of every contact for every purpose, and the consent check that
 * marketing systems call before each send. Expiry is decided when asked, so a consent past {@code validUntil} is
 * {@code EXPIRED} at once.
 */
@Component
@ProcessingGroup(LegalBasisProjection.PROCESSING_GROUP)
public class LegalBasisProjection {

    public static final String PROCESSING_GROUP = "legal-basis";

    private final JdbcClient jdbc;
    private final EventSavepoints savepoints;
    private final Clock clock;

    LegalBasisProjection(JdbcClient jdbc, EventSavepoints savepoints, Clock clock) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
        this.clock = clock;
    }

    /** An event that fails undoes only its own changes and is dead-lettered (see {@link EventSavepoints}). */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    void isolated(EventMessage<?> event, InterceptorChain chain) {
        savepoints.proceed(PROCESSING_GROUP, event, chain);
    }

    @EventHandler
    void on(ContactRegistered event, @Timestamp Instant at) {
        jdbc.sql("INSERT INTO contact_view (contact_id, name, email, source_id, registered_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)")
                .params(event.contactId(), event.name(), event.email(), event.sourceId(), utc(at), utc(at))
                .update();
    }

    @EventHandler
    void on(ContactDetailsUpdated event, @Timestamp Instant at) {
        jdbc.sql("UPDATE contact_view SET name = ?, email = ?, updated_at = ? WHERE contact_id = ?")
                .params(event.name(), event.email(), utc(at), event.contactId())
                .update();
    }

    @EventHandler
    void on(ContactForgotten event, @Timestamp Instant at) {
        jdbc.sql(
                        "UPDATE contact_view SET name = NULL, email = NULL, erased_at = ?, updated_at = ? WHERE contact_id = ?")
                .params(utc(at), utc(at), event.contactId())
                .update();
    }

    @EventHandler
    void on(ConsentGranted event, @Timestamp Instant at, @MetaDataValue(LedgerMetadata.ACTOR) String actor) {
        record(new Standing(
                event.contactId(),
                event.purposeId(),
                LegalBasis.CONSENT,
                ConsentStatus.GRANTED,
                event.purposeVersion(),
                event.capturedAt() == null ? at : event.capturedAt(),
                event.sourceId(),
                actor,
                event.validUntil(),
                null,
                null));
    }

    @EventHandler
    void on(
            ConsentConfirmationRequested event,
            @Timestamp Instant at,
            @MetaDataValue(LedgerMetadata.ACTOR) String actor) {
        record(new Standing(
                event.contactId(),
                event.purposeId(),
                LegalBasis.CONSENT,
                ConsentStatus.PENDING_CONFIRMATION,
                event.purposeVersion(),
                event.capturedAt() == null ? at : event.capturedAt(),
                event.sourceId(),
                actor,
                event.validUntil(),
                event.confirmationId(),
                event.lapsesAt()));
    }

    /** A confirmed consent counts from the moment of confirmation; where it came from stays as recorded. */
    @EventHandler
    void on(ConsentConfirmed event, @Timestamp Instant at, @MetaDataValue(LedgerMetadata.ACTOR) String actor) {
        settle(event.contactId(), event.purposeId(), event.confirmationId(), ConsentStatus.GRANTED, at, actor);
    }

    @EventHandler
    void on(ConsentLapsed event, @Timestamp Instant at, @MetaDataValue(LedgerMetadata.ACTOR) String actor) {
        settle(event.contactId(), event.purposeId(), event.confirmationId(), ConsentStatus.LAPSED, at, actor);
    }

    private void settle(
            String contactId, String purposeId, String confirmationId, ConsentStatus status, Instant at, String actor) {
        jdbc.sql("UPDATE contact_basis SET status = ?, since = ?, recorded_by = ?, lapses_at = NULL"
                        + " WHERE contact_id = ? AND purpose_id = ? AND confirmation_id = ?")
                .params(status.name(), utc(at), actor, contactId, purposeId, confirmationId)
                .update();
    }

    @EventHandler
    void on(ConsentWithdrawn event, @Timestamp Instant at, @MetaDataValue(LedgerMetadata.ACTOR) String actor) {
        record(new Standing(
                event.contactId(),
                event.purposeId(),
                LegalBasis.CONSENT,
                ConsentStatus.WITHDRAWN,
                event.purposeVersion(),
                at,
                event.sourceId(),
                actor,
                null,
                null,
                null));
    }

    @EventHandler
    void on(LegalBasisDocumented event, @Timestamp Instant at, @MetaDataValue(LedgerMetadata.ACTOR) String actor) {
        record(new Standing(
                event.contactId(),
                event.purposeId(),
                event.legalBasis(),
                ConsentStatus.GRANTED,
                event.purposeVersion(),
                at,
                event.sourceId(),
                actor,
                null,
                null,
                null));
    }

    @EventHandler
    void on(LegalBasisEnded event, @Timestamp Instant at, @MetaDataValue(LedgerMetadata.ACTOR) String actor) {
        record(new Standing(
                event.contactId(),
                event.purposeId(),
                event.legalBasis(),
                ConsentStatus.ENDED,
                event.purposeVersion(),
                at,
                null,
                actor,
                null,
                null,
                null));
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM contact_basis").update();
        jdbc.sql("DELETE FROM contact_view").update();
    }

    @QueryHandler
    Optional<LegalBasisView> handle(FindLegalBasis query) {
        if (!contactExists(query.contactId())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<PurposeBasis> purposes = jdbc.sql("SELECT p.purpose_id, p.name, b.purpose_version, b.legal_basis,"
                        + " b.status, b.since, b.source_id, b.recorded_by, b.valid_until, b.lapses_at FROM purpose_view p"
                        + " LEFT JOIN contact_basis b ON b.purpose_id = p.purpose_id AND b.contact_id = ?"
                        + " WHERE p.active ORDER BY p.purpose_id")
                .param(query.contactId())
                .query((rs, row) -> {
                    String basis = rs.getString("legal_basis");
                    Instant validUntil = instant(rs, "valid_until");
                    return new PurposeBasis(
                            rs.getString("purpose_id"),
                            rs.getString("name"),
                            basis == null ? null : rs.getInt("purpose_version"),
                            basis == null ? null : LegalBasis.valueOf(basis),
                            effectiveStatus(rs.getString("status"), validUntil, now),
                            instant(rs, "since"),
                            rs.getString("source_id"),
                            rs.getString("recorded_by"),
                            validUntil,
                            instant(rs, "lapses_at"));
                })
                .list();
        return Optional.of(
                new LegalBasisView(query.contactId(), summary(purposes, LegalBasisNames.current(jdbc)), purposes));
    }

    private static ContactDetails contactDetails(ResultSet rs, int row) throws SQLException {
        return new ContactDetails(
                rs.getString("contact_id"),
                rs.getString("name"),
                rs.getString("email"),
                rs.getString("source_id"),
                instant(rs, "registered_at"),
                instant(rs, "erased_at"));
    }

    @QueryHandler
    Optional<ContactDetails> handle(FindContact query) {
        return jdbc.sql("SELECT contact_id, name, email, source_id, registered_at, erased_at FROM contact_view"
                        + " WHERE contact_id = ?")
                .param(query.contactId())
                .query(LegalBasisProjection::contactDetails)
                .optional();
    }

    @QueryHandler
    ContactSearchPage handle(FindContacts query) {
        String like = "%"
                + query.text()
                        .toLowerCase(Locale.ROOT)
                        .replace("\\", "\\\\")
                        .replace("%", "\\%")
                        .replace("_", "\\_") + "%";
        String where = " FROM contact_view WHERE LOWER(contact_id) LIKE ? ESCAPE '\\' OR LOWER(name) LIKE ? ESCAPE '\\'"
                + " OR LOWER(email) LIKE ? ESCAPE '\\'";
        long total = jdbc.sql("SELECT COUNT(*)" + where)
                .params(like, like, like)
                .query(Long.class)
                .single();
        List<ContactDetails> items = jdbc.sql("SELECT contact_id, name, email, source_id, registered_at, erased_at"
                        + where + " ORDER BY contact_id LIMIT ? OFFSET ?")
                .params(like, like, like, query.size(), (long) query.page() * query.size())
                .query(LegalBasisProjection::contactDetails)
                .list();
        return new ContactSearchPage(query.text(), query.page(), query.size(), total, items);
    }

    @QueryHandler
    Optional<ConsentCheck> handle(CheckConsent query) {
        Optional<Boolean> purposeActive = jdbc.sql("SELECT active FROM purpose_view WHERE purpose_id = ?")
                .param(query.purposeId())
                .query(Boolean.class)
                .optional();
        if (purposeActive.isEmpty()) {
            throw new PurposeNotFound(query.purposeId());
        }
        if (erased(query.contactId())) {
            // The record of consent stays as proof, but nobody may be contacted whose details are gone.
            return Optional.of(new ConsentCheck(false, null, ConsentStatus.ERASED, "The contact was erased."));
        }
        Optional<ConsentCheck> check = jdbc.sql("SELECT legal_basis, status, valid_until FROM contact_basis"
                        + " WHERE contact_id = ? AND purpose_id = ?")
                .params(query.contactId(), query.purposeId())
                .query((rs, row) -> {
                    LegalBasis basis = LegalBasis.valueOf(rs.getString("legal_basis"));
                    ConsentStatus status =
                            effectiveStatus(rs.getString("status"), instant(rs, "valid_until"), clock.instant());
                    boolean allowed = status == ConsentStatus.GRANTED && purposeActive.get();
                    return new ConsentCheck(allowed, basis, status, reason(basis, status, purposeActive.get()));
                })
                .optional();
        if (check.isPresent()) {
            return check;
        }
        if (!contactExists(query.contactId())) {
            return Optional.empty();
        }
        return Optional.of(new ConsentCheck(
                false, null, ConsentStatus.NOT_RECORDED, "No legal basis is recorded for this purpose."));
    }

    private boolean erased(String contactId) {
        return jdbc.sql("SELECT COUNT(*) FROM contact_view WHERE contact_id = ? AND erased_at IS NOT NULL")
                        .param(contactId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private boolean contactExists(String contactId) {
        return jdbc.sql("SELECT COUNT(*) FROM contact_view WHERE contact_id = ?")
                        .param(contactId)
                        .query(Long.class)
                        .single()
                > 0;
    }

    private void record(Standing standing) {
        Object[] values = {
            standing.legalBasis().name(),
            standing.status().name(),
            standing.purposeVersion(),
            utc(standing.since()),
            standing.sourceId(),
            standing.recordedBy(),
            utc(standing.validUntil()),
            standing.confirmationId(),
            utc(standing.lapsesAt()),
            standing.contactId(),
            standing.purposeId()
        };
        int updated = jdbc.sql("UPDATE contact_basis SET legal_basis = ?, status = ?, purpose_version = ?, since = ?,"
                        + " source_id = ?, recorded_by = ?, valid_until = ?, confirmation_id = ?, lapses_at = ?"
                        + " WHERE contact_id = ? AND purpose_id = ?")
                .params(values)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO contact_basis (legal_basis, status, purpose_version, since, source_id, recorded_by,"
                            + " valid_until, confirmation_id, lapses_at, contact_id, purpose_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(values)
                    .update();
        }
    }

    private static ConsentStatus effectiveStatus(String stored, Instant validUntil, Instant now) {
        if (stored == null) {
            return ConsentStatus.NOT_RECORDED;
        }
        ConsentStatus status = ConsentStatus.valueOf(stored);
        if (status == ConsentStatus.GRANTED && validUntil != null && !validUntil.isAfter(now)) {
            return ConsentStatus.EXPIRED;
        }
        return status;
    }

    static String reason(LegalBasis basis, ConsentStatus status, boolean purposeActive) {
        if (!purposeActive) {
            return "The purpose is retired.";
        }
        return switch (status) {
            case GRANTED -> basis == LegalBasis.CONSENT ? "Consent is given." : basis.displayName() + " applies.";
            case PENDING_CONFIRMATION -> "Consent waits for the person's confirmation.";
            case LAPSED -> "Consent was not confirmed in time.";
            case WITHDRAWN -> "Consent was withdrawn.";
            case EXPIRED -> "Consent has expired.";
            case ENDED -> "The legal basis has ended.";
            case NOT_RECORDED -> "No legal basis is recorded for this purpose.";
            case ERASED -> "The contact was erased.";
        };
    }

    /**
     * The contact-card line, e.g. "Consent: E-marketing · Legitimate interests: Sales and service", with the legal
     * bases under the names given.
     */
    static String summary(List<PurposeBasis> purposes, Map<LegalBasis, String> names) {
        return summary(purposes, names, "No legal basis");
    }

    /** The same line with the names and the words for "no legal basis" of the caller's choice (e.g. a language). */
    public static String summary(List<PurposeBasis> purposes, Map<LegalBasis, String> names, String none) {
        Map<LegalBasis, List<String>> inForce = new EnumMap<>(LegalBasis.class);
        for (PurposeBasis purpose : purposes) {
            if (purpose.status() == ConsentStatus.GRANTED) {
                inForce.computeIfAbsent(purpose.legalBasis(), basis -> new ArrayList<>())
                        .add(purpose.purposeName());
            }
        }
        if (inForce.isEmpty()) {
            return none;
        }
        return inForce.entrySet().stream()
                .map(entry -> names.get(entry.getKey()) + ": " + String.join(", ", entry.getValue()))
                .collect(Collectors.joining(" · "));
    }

    private record Standing(
            String contactId,
            String purposeId,
            LegalBasis legalBasis,
            ConsentStatus status,
            int purposeVersion,
            Instant since,
            String sourceId,
            String recordedBy,
            Instant validUntil,
            String confirmationId,
            Instant lapsesAt) {}
}
