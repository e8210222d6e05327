package io.consentledger.query.contact;

import static io.consentledger.query.Rows.instant;
import static io.consentledger.query.Rows.utc;

import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.consent.CheckConsent;
import io.consentledger.api.consent.CheckConsents;
import io.consentledger.api.consent.ConsentCheck;
import io.consentledger.api.consent.ConsentCheckResult;
import io.consentledger.api.consent.ConsentCheckResults;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisNamed;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.api.consent.StandingChange;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.ContactDetailsUpdated;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.contact.ContactSearchPage;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.contact.FindContacts;
import io.consentledger.api.purpose.PurposeDefined;
import io.consentledger.api.purpose.PurposeRetired;
import io.consentledger.api.purpose.PurposeRevised;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.query.EventSavepoints;
import io.consentledger.query.Rows;
import io.consentledger.query.projection.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
 * The contact card's legal-basis field: the {@link Standing} of every contact for every purpose, and the consent check
 * that marketing systems call before each send. Expiry is decided when asked, so a consent past {@code validUntil} is
 * {@code EXPIRED} at once. The purposes and the names of the legal bases it shows are its own, from the catalog's
 * events.
 */
@Component
@ProcessingGroup(ReadModels.LEGAL_BASIS)
class LegalBasisProjection {

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
        savepoints.proceed(ReadModels.LEGAL_BASIS, event, chain);
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
    void on(ContactErased event, @Timestamp Instant at) {
        jdbc.sql(
                        "UPDATE contact_view SET name = NULL, email = NULL, erased_at = ?, updated_at = ? WHERE contact_id = ?")
                .params(utc(at), utc(at), event.contactId())
                .update();
    }

    /** Every change to a contact's standing for a purpose: the row's standing, the change applied, written back. */
    @EventHandler
    void on(StandingChange change, @Timestamp Instant at, @MetaDataValue(LedgerMetadata.ACTOR) String actor) {
        Optional<Standing> stored = standing(change.contactId(), change.purposeId());
        Standing before = stored.orElse(Standing.NOT_RECORDED);
        Standing after = before.apply(change, at, actor);
        if (after.equals(before)) {
            return;
        }
        Object[] values = {
            after.legalBasis().name(),
            after.status().name(),
            after.purposeVersion(),
            utc(after.since()),
            after.sourceId(),
            after.recordedBy(),
            utc(after.validUntil()),
            after.confirmationId(),
            utc(after.confirmationLapsesAt()),
            change.contactId(),
            change.purposeId()
        };
        jdbc.sql(
                        stored.isPresent()
                                ? "UPDATE contact_basis SET legal_basis = ?, status = ?, purpose_version = ?, since = ?,"
                                        + " source_id = ?, recorded_by = ?, valid_until = ?, confirmation_id = ?,"
                                        + " lapses_at = ? WHERE contact_id = ? AND purpose_id = ?"
                                : "INSERT INTO contact_basis (legal_basis, status, purpose_version, since, source_id,"
                                        + " recorded_by, valid_until, confirmation_id, lapses_at, contact_id,"
                                        + " purpose_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(values)
                .update();
    }

    private Optional<Standing> standing(String contactId, String purposeId) {
        return jdbc.sql("SELECT " + StandingRows.COLUMNS
                        + " FROM contact_basis b WHERE b.contact_id = ? AND b.purpose_id = ?")
                .params(contactId, purposeId)
                .query((rs, row) -> StandingRows.read(rs))
                .optional();
    }

    /*
     * The purposes and the names of the legal bases, kept here from the catalog's events rather than read from the
     * catalog's tables: rebuilding one read model never empties another. Written so that an event seen twice does no
     * harm (V1_200 copied the rows the catalog held when the tables were made).
     */

    @EventHandler
    void on(PurposeDefined event) {
        upsertPurpose(event.purposeId(), event.terms(), true);
    }

    @EventHandler
    void on(PurposeRevised event) {
        upsertPurpose(event.purposeId(), event.terms(), null);
    }

    @EventHandler
    void on(PurposeRetired event) {
        jdbc.sql("UPDATE basis_purpose SET active = FALSE WHERE purpose_id = ?")
                .param(event.purposeId())
                .update();
    }

    private void upsertPurpose(String purposeId, PurposeTerms terms, Boolean active) {
        String retention = terms.retention() == null ? null : terms.retention().toString();
        int updated = jdbc.sql("UPDATE basis_purpose SET name = ?, retention = ?, active = COALESCE(?, active)"
                        + " WHERE purpose_id = ?")
                .params(terms.name(), retention, active, purposeId)
                .update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO basis_purpose (purpose_id, name, retention, active) VALUES (?, ?, ?, ?)")
                    .params(purposeId, terms.name(), retention, active == null || active)
                    .update();
        }
    }

    @EventHandler
    void on(LegalBasisNamed event) {
        jdbc.sql("DELETE FROM basis_name WHERE legal_basis = ?")
                .param(event.legalBasis().name())
                .update();
        jdbc.sql("INSERT INTO basis_name (legal_basis, name) VALUES (?, ?)")
                .params(event.legalBasis().name(), event.name())
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM contact_basis").update();
        jdbc.sql("DELETE FROM contact_view").update();
        jdbc.sql("DELETE FROM basis_purpose").update();
        jdbc.sql("DELETE FROM basis_name").update();
    }

    @QueryHandler
    Optional<LegalBasisView> handle(FindLegalBasis query) {
        if (!contactExists(query.contactId())) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<PurposeStanding> purposes = jdbc.sql("SELECT p.purpose_id, p.name, " + StandingRows.COLUMNS
                        + " FROM basis_purpose p LEFT JOIN contact_basis b"
                        + " ON b.purpose_id = p.purpose_id AND b.contact_id = ? WHERE p.active ORDER BY p.purpose_id")
                .param(query.contactId())
                .query((rs, row) ->
                        StandingRows.read(rs).toPurposeStanding(rs.getString("purpose_id"), rs.getString("name"), now))
                .list();
        return Optional.of(new LegalBasisView(query.contactId(), LegalBasisSummary.of(purposes, names()), purposes));
    }

    /** The name of each legal basis: the one an admin gave it, else the standard one. */
    private Map<LegalBasis, String> names() {
        Map<LegalBasis, String> names = new EnumMap<>(LegalBasis.class);
        for (LegalBasis basis : LegalBasis.values()) {
            names.put(basis, basis.displayName());
        }
        jdbc.sql("SELECT legal_basis, name FROM basis_name").query(rs -> {
            names.put(LegalBasis.valueOf(rs.getString("legal_basis")), rs.getString("name"));
        });
        return names;
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

    /** What one row of a check reads: the purpose, the contact and its standing for the purpose. */
    private static final String CHECK = "SELECT p.active, c.contact_id, c.erased_at, " + StandingRows.COLUMNS
            + " FROM basis_purpose p LEFT JOIN contact_view c ON c.contact_id %s"
            + " LEFT JOIN contact_basis b ON b.contact_id = c.contact_id AND b.purpose_id = p.purpose_id"
            + " WHERE p.purpose_id = ?";

    /** One row of a check; {@code contactId} is null when no contact asked for is registered. */
    private record Checked(String contactId, boolean purposeActive, boolean erased, Standing standing) {

        static Checked read(ResultSet rs) throws SQLException {
            return new Checked(
                    rs.getString("contact_id"),
                    rs.getBoolean("active"),
                    rs.getTimestamp("erased_at") != null,
                    StandingRows.read(rs));
        }

        /** The answer, the same for the single check and the check in bulk. */
        ConsentCheck answer(Instant now) {
            return erased ? Standing.erased() : standing.check(purposeActive, now);
        }
    }

    /** One statement per check: the purpose, the contact and its standing for the purpose. */
    @QueryHandler
    Optional<ConsentCheck> handle(CheckConsent query) {
        Checked found = jdbc.sql(CHECK.formatted("= ?"))
                .params(query.contactId(), query.purposeId())
                .query((rs, row) -> Checked.read(rs))
                .optional()
                .orElseThrow(() -> new PurposeNotFound(query.purposeId()));
        if (found.contactId() == null) {
            return Optional.empty();
        }
        return Optional.of(found.answer(clock.instant()));
    }

    /**
     * The check for many contacts in one statement of the single check's shape, the ids as one array: an answer per
     * id asked, in order; an id no contact has is answered {@link Standing#unknownContact()}.
     */
    @QueryHandler
    ConsentCheckResults handle(CheckConsents query) {
        String[] distinct = new LinkedHashSet<>(query.contactIds()).toArray(String[]::new);
        List<Checked> rows = jdbc.sql(CHECK.formatted("= ANY(?)"))
                .params(Rows.array(distinct), query.purposeId())
                .query((rs, row) -> Checked.read(rs))
                .list();
        if (rows.isEmpty()) {
            throw new PurposeNotFound(query.purposeId());
        }
        Instant now = clock.instant();
        Map<String, ConsentCheck> answers = new HashMap<>(distinct.length * 2);
        for (Checked row : rows) {
            if (row.contactId() != null) {
                answers.put(row.contactId(), row.answer(now));
            }
        }
        return new ConsentCheckResults(query.contactIds().stream()
                .map(contactId ->
                        ConsentCheckResult.of(contactId, answers.getOrDefault(contactId, Standing.unknownContact())))
                .toList());
    }

    private boolean contactExists(String contactId) {
        return jdbc.sql("SELECT COUNT(*) FROM contact_view WHERE contact_id = ?")
                        .param(contactId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
