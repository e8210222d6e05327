package io.consentledger.query.contact;

import static io.consentledger.query.Rows.instant;
import static io.consentledger.query.Rows.utc;

import io.consentledger.api.LedgerMetadata;
import io.consentledger.api.audit.FindLedgerChanges;
import io.consentledger.api.audit.LedgerChange;
import io.consentledger.api.audit.LedgerChangesPage;
import io.consentledger.api.consent.Change;
import io.consentledger.api.consent.ConfirmBy;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentConfirmed;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.FindContactHistory;
import io.consentledger.api.consent.HistoryEntry;
import io.consentledger.api.consent.HistoryPage;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.contact.ConfirmationEmailFailed;
import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationEmailSent;
import io.consentledger.api.contact.ConfirmationTrigger;
import io.consentledger.api.contact.ContactDetailsUpdated;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.query.EventSavepoints;
import io.consentledger.query.projection.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Every change to a contact's ledger with who made it, when, through which channel and from which source (and, for
 * what the person did through a staff member's profile link, who issued it). Rows are
 * keyed by the contact's event sequence, so the history reads oldest first and never holds a change twice. A row holds
 * the change's code and its parameters, never a sentence: {@link HistoryTexts} says them in the reader's language.
 */
@Component
@ProcessingGroup(ReadModels.HISTORY)
class HistoryProjection {

    private static final String ENTRY_COLUMNS = "seq, recorded_at, captured_at, actor, channel, change, purpose_id,"
            + " purpose_version, legal_basis, source_id, source_detail, reason, link_issued_by, link_issuer_role,"
            + " confirm_by, confirmation_lapses_at, email_trigger, attempt, error_kind, next_attempt_at";

    private final JdbcClient jdbc;
    private final EventSavepoints savepoints;

    HistoryProjection(JdbcClient jdbc, EventSavepoints savepoints) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
    }

    /** An event that fails undoes only its own changes and is dead-lettered (see {@link EventSavepoints}). */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    void isolated(EventMessage<?> event, InterceptorChain chain) {
        savepoints.proceed(ReadModels.HISTORY, event, chain);
    }

    @EventHandler
    void on(ContactRegistered event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONTACT_REGISTERED.name(),
                        null,
                        null,
                        null,
                        event.sourceId(),
                        event.sourceDetail(),
                        null,
                        Parameters.NONE),
                message);
    }

    @EventHandler
    void on(ContactDetailsUpdated event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONTACT_DETAILS_UPDATED.name(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Parameters.NONE),
                message);
    }

    @EventHandler
    void on(ConsentGranted event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        event.capturedAt(),
                        Change.CONSENT_GRANTED.name(),
                        event.purposeId(),
                        event.purposeVersion(),
                        LegalBasis.CONSENT,
                        event.sourceId(),
                        event.sourceDetail(),
                        null,
                        Parameters.NONE),
                message);
    }

    @EventHandler
    void on(
            ConsentConfirmationRequested event,
            EventMessage<?> message,
            @SequenceNumber long seq,
            @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        event.capturedAt(),
                        Change.CONSENT_CONFIRMATION_REQUESTED.name(),
                        event.purposeId(),
                        event.purposeVersion(),
                        LegalBasis.CONSENT,
                        event.sourceId(),
                        event.sourceDetail(),
                        null,
                        new Parameters(event.confirmBy(), event.lapsesAt(), null, null, null, null)),
                message);
    }

    @EventHandler
    void on(ConsentConfirmed event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONSENT_CONFIRMED.name(),
                        event.purposeId(),
                        event.purposeVersion(),
                        LegalBasis.CONSENT,
                        null,
                        null,
                        null,
                        Parameters.NONE),
                message);
    }

    @EventHandler
    void on(ConsentLapsed event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONSENT_LAPSED.name(),
                        event.purposeId(),
                        event.purposeVersion(),
                        LegalBasis.CONSENT,
                        null,
                        null,
                        null,
                        Parameters.NONE),
                message);
    }

    @EventHandler
    void on(ConsentWithdrawn event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONSENT_WITHDRAWN.name(),
                        event.purposeId(),
                        event.purposeVersion(),
                        LegalBasis.CONSENT,
                        event.sourceId(),
                        null,
                        event.reason(),
                        Parameters.NONE),
                message);
    }

    @EventHandler
    void on(LegalBasisDocumented event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.LEGAL_BASIS_DOCUMENTED.name(),
                        event.purposeId(),
                        event.purposeVersion(),
                        event.legalBasis(),
                        event.sourceId(),
                        event.sourceDetail(),
                        event.note(),
                        Parameters.NONE),
                message);
    }

    @EventHandler
    void on(LegalBasisEnded event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.LEGAL_BASIS_ENDED.name(),
                        event.purposeId(),
                        event.purposeVersion(),
                        event.legalBasis(),
                        null,
                        null,
                        event.reason(),
                        Parameters.NONE),
                message);
    }

    @EventHandler
    void on(
            ConfirmationEmailRequested event,
            EventMessage<?> message,
            @SequenceNumber long seq,
            @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONFIRMATION_EMAIL_REQUESTED.name(),
                        null,
                        null,
                        null,
                        event.sourceId(),
                        null,
                        null,
                        new Parameters(null, null, event.trigger(), null, null, null)),
                message);
    }

    @EventHandler
    void on(ConfirmationEmailSent event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONFIRMATION_EMAIL_SENT.name(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new Parameters(null, null, null, event.attempt(), null, null)),
                message);
    }

    @EventHandler
    void on(ConfirmationEmailFailed event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONFIRMATION_EMAIL_FAILED.name(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new Parameters(null, null, null, event.attempt(), event.errorKind(), event.nextAttemptAt())),
                message);
    }

    /**
     * The history keeps who, when, what and why in codes; the free text that may describe the person (source details,
     * notes, reasons) goes, as it does on a replay, where it can no longer be decrypted.
     */
    @EventHandler
    void on(ContactErased event, EventMessage<?> message, @SequenceNumber long seq, @Timestamp Instant at) {
        jdbc.sql("UPDATE contact_history SET source_detail = NULL WHERE contact_id = ?")
                .param(event.contactId())
                .update();
        jdbc.sql("UPDATE contact_history SET reason = NULL WHERE contact_id = ? AND change IN (?, ?, ?)")
                .params(
                        event.contactId(),
                        Change.CONSENT_WITHDRAWN.name(),
                        Change.LEGAL_BASIS_DOCUMENTED.name(),
                        Change.LEGAL_BASIS_ENDED.name())
                .update();
        insert(
                new Row(
                        event.contactId(),
                        seq,
                        at,
                        null,
                        Change.CONTACT_ERASED.name(),
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        Parameters.NONE),
                message);
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM contact_history").update();
    }

    @QueryHandler
    Optional<HistoryPage> handle(FindContactHistory query) {
        long total = jdbc.sql("SELECT COUNT(*) FROM contact_history WHERE contact_id = ?")
                .param(query.contactId())
                .query(Long.class)
                .single();
        if (total == 0) {
            return Optional.empty();
        }
        List<HistoryEntry> items = jdbc.sql("SELECT " + ENTRY_COLUMNS + " FROM contact_history"
                        + " WHERE contact_id = ? ORDER BY seq " + (query.newestFirst() ? "DESC" : "ASC")
                        + " LIMIT ? OFFSET ?")
                .params(query.contactId(), query.size(), (long) query.page() * query.size())
                .query((rs, row) -> entry(rs))
                .list();
        return Optional.of(new HistoryPage(query.contactId(), query.page(), query.size(), total, items));
    }

    @QueryHandler
    LedgerChangesPage handle(FindLedgerChanges query) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.from() != null) {
            where.append(" AND recorded_at >= ?");
            params.add(utc(query.from()));
        }
        if (query.to() != null) {
            where.append(" AND recorded_at < ?");
            params.add(utc(query.to()));
        }
        filter(where, params, "contact_id", query.contactId());
        filter(where, params, "purpose_id", query.purposeId());
        filter(where, params, "change", query.change());
        filter(where, params, "actor", query.actor());
        long total = jdbc.sql("SELECT COUNT(*) FROM contact_history" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> paged = new ArrayList<>(params);
        paged.add(query.size());
        paged.add((long) query.page() * query.size());
        List<LedgerChange> items = jdbc.sql("SELECT contact_id, " + ENTRY_COLUMNS + " FROM contact_history" + where
                        + " ORDER BY recorded_at DESC, contact_id, seq DESC LIMIT ? OFFSET ?")
                .params(paged)
                .query((rs, row) -> new LedgerChange(rs.getString("contact_id"), entry(rs)))
                .list();
        return new LedgerChangesPage(query.page(), query.size(), total, items);
    }

    private static void filter(StringBuilder where, List<Object> params, String column, String value) {
        if (value != null && !value.isBlank()) {
            where.append(" AND ").append(column).append(" = ?");
            params.add(value.strip());
        }
    }

    private static HistoryEntry entry(ResultSet rs) throws SQLException {
        String basis = rs.getString("legal_basis");
        return new HistoryEntry(
                rs.getLong("seq"),
                instant(rs, "recorded_at"),
                instant(rs, "captured_at"),
                rs.getString("actor"),
                rs.getString("channel"),
                rs.getString("change"),
                rs.getString("purpose_id"),
                rs.getObject("purpose_version", Integer.class),
                basis == null ? null : LegalBasis.valueOf(basis),
                rs.getString("source_id"),
                rs.getString("source_detail"),
                rs.getString("reason"),
                code(ConfirmBy.class, rs.getString("confirm_by")),
                instant(rs, "confirmation_lapses_at"),
                code(ConfirmationTrigger.class, rs.getString("email_trigger")),
                rs.getObject("attempt", Integer.class),
                rs.getString("error_kind"),
                instant(rs, "next_attempt_at"),
                rs.getString("link_issued_by"),
                rs.getString("link_issuer_role"),
                null);
    }

    private static <E extends Enum<E>> E code(Class<E> type, String code) {
        return code == null ? null : Enum.valueOf(type, code);
    }

    private void insert(Row row, EventMessage<?> message) {
        Parameters parameters = row.parameters();
        jdbc.sql("INSERT INTO contact_history (contact_id, seq, recorded_at, captured_at, actor, actor_role, channel,"
                        + " change, purpose_id, purpose_version, legal_basis, source_id, source_detail, reason,"
                        + " link_issued_by, link_issuer_role, confirm_by, confirmation_lapses_at, email_trigger,"
                        + " attempt, error_kind, next_attempt_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        row.contactId(),
                        row.seq(),
                        utc(row.recordedAt()),
                        utc(row.capturedAt()),
                        message.getMetaData().get(LedgerMetadata.ACTOR),
                        message.getMetaData().get(LedgerMetadata.ACTOR_ROLE),
                        message.getMetaData().get(LedgerMetadata.CHANNEL),
                        row.change(),
                        row.purposeId(),
                        row.purposeVersion(),
                        row.legalBasis() == null ? null : row.legalBasis().name(),
                        row.sourceId(),
                        row.sourceDetail(),
                        row.reason(),
                        message.getMetaData().get(LedgerMetadata.LINK_ISSUED_BY),
                        message.getMetaData().get(LedgerMetadata.LINK_ISSUER_ROLE),
                        parameters.confirmBy() == null
                                ? null
                                : parameters.confirmBy().name(),
                        utc(parameters.confirmationLapsesAt()),
                        parameters.emailTrigger() == null
                                ? null
                                : parameters.emailTrigger().name(),
                        parameters.attempt(),
                        parameters.errorKind(),
                        utc(parameters.nextAttemptAt()))
                .update();
    }

    private record Row(
            String contactId,
            long seq,
            Instant recordedAt,
            Instant capturedAt,
            String change,
            String purposeId,
            Integer purposeVersion,
            LegalBasis legalBasis,
            String sourceId,
            String sourceDetail,
            String reason,
            Parameters parameters) {}

    /** What the change's code needs to be told in words, each in a column of its own. */
    private record Parameters(
            ConfirmBy confirmBy,
            Instant confirmationLapsesAt,
            ConfirmationTrigger emailTrigger,
            Integer attempt,
            String errorKind,
            Instant nextAttemptAt) {

        static final Parameters NONE = new Parameters(null, null, null, null, null, null);
    }
}
