package io.consentledger.query.contact;

import io.consentledger.api.consent.StandingStatus;
import io.consentledger.query.contact.PointInTime.ContactThen;
import io.consentledger.query.contact.PointInTime.PurposeThen;
import io.consentledger.query.projection.ProjectionSync;
import io.consentledger.query.projection.ReadModels;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A purpose's audience: every contact whose data may be processed for it now, or at an instant — the contacts the
 * consent check allows, decided contact by contact by the same {@link Standing#check} (the SQL only narrows the rows
 * to those that can be allowed: in force and not erased). Read straight from the database in contact id order, a
 * thousand rows at a time, so that no audience needs its size in memory.
 */
@Component
class Audiences {

    /** Rows fetched from the database at a time, and contacts looked up in the event store per round as of an instant. */
    private static final int ROWS_AT_A_TIME = 1_000;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate readOnly;
    private final ProjectionSync sync;
    private final PointInTime pointInTime;
    private final Clock clock;

    Audiences(
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            ProjectionSync sync,
            PointInTime pointInTime,
            Clock clock) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        // PostgreSQL reads a result in parts (a cursor) only inside a transaction and with a fetch size.
        this.streaming.setFetchSize(ROWS_AT_A_TIME);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.sync = sync;
        this.pointInTime = pointInTime;
        this.clock = clock;
    }

    /** The contacts of one audience, handed over one at a time by {@link #forEach}. */
    interface Audience {

        void forEach(Consumer<String> contactId);
    }

    /**
     * The purpose's audience now (after the legal-basis read model has caught up when {@code wait}) or at
     * {@code asOf} (from the event store; the read model, brought up to date first, only names the contacts that ever
     * had a standing for the purpose). Throws {@link PurposeNotFound} at once for a purpose not defined (by then); the
     * contacts are read when the audience is walked.
     */
    Audience of(String purposeId, Instant asOf, boolean wait) {
        if (wait || asOf != null) {
            sync.awaitCaughtUp(ReadModels.LEGAL_BASIS);
        }
        if (asOf != null) {
            PurposeThen purpose =
                    pointInTime.purpose(purposeId, asOf).orElseThrow(() -> new PurposeNotFound(purposeId));
            return contactId -> asOf(purposeId, purpose, asOf, contactId);
        }
        boolean active = jdbc.sql("SELECT active FROM basis_purpose WHERE purpose_id = ?")
                .param(purposeId)
                .query(Boolean.class)
                .optional()
                .orElseThrow(() -> new PurposeNotFound(purposeId));
        return contactId -> now(purposeId, active, contactId);
    }

    private void now(String purposeId, boolean purposeActive, Consumer<String> audience) {
        Instant now = clock.instant();
        readOnly.executeWithoutResult(transaction -> streaming.query(
                "SELECT b.contact_id, " + StandingRows.COLUMNS
                        + " FROM contact_basis b JOIN contact_view c ON c.contact_id = b.contact_id"
                        + " WHERE b.purpose_id = ? AND b.status = ? AND c.erased_at IS NULL ORDER BY b.contact_id",
                rs -> {
                    if (StandingRows.read(rs).check(purposeActive, now).allowed()) {
                        audience.accept(rs.getString("contact_id"));
                    }
                },
                purposeId,
                StandingStatus.GRANTED.name()));
    }

    /**
     * The audience at the instant: the contacts that ever had a standing for the purpose, a thousand at a time in
     * contact id order, each folded from the event store up to the instant as the single check as of it does.
     */
    private void asOf(String purposeId, PurposeThen purpose, Instant asOf, Consumer<String> audience) {
        String after = "";
        while (true) {
            List<String> candidates = jdbc.sql("SELECT contact_id FROM contact_basis WHERE purpose_id = ?"
                            + " AND contact_id > ? ORDER BY contact_id LIMIT ?")
                    .params(purposeId, after, ROWS_AT_A_TIME)
                    .query(String.class)
                    .list();
            Map<String, ContactThen> contacts = pointInTime.contacts(candidates, asOf);
            for (String contactId : candidates) {
                ContactThen contact = contacts.get(contactId);
                if (contact != null && contact.check(purposeId, purpose, asOf).allowed()) {
                    audience.accept(contactId);
                }
            }
            if (candidates.size() < ROWS_AT_A_TIME) {
                return;
            }
            after = candidates.get(candidates.size() - 1);
        }
    }
}
