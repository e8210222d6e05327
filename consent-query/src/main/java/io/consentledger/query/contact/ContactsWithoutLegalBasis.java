package io.consentledger.query.contact;

import static io.consentledger.query.Rows.instant;

import io.consentledger.api.retention.ContactWithoutLegalBasis;
import io.consentledger.api.retention.ContactsWithoutLegalBasisPage;
import io.consentledger.api.retention.FindContactsWithoutLegalBasis;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * "Contacts without legal basis", as CRM users know it, read from the legal-basis read model: contacts not erased with
 * no {@link Standing} in force for any purpose. The last basis to end decides how long the data may still be kept: its
 * purpose's retention period, counted from when it was withdrawn, ended, lapsed or expired ({@link Standing#endedAt}).
 * A contact that never had a legal basis is overdue at once; one whose last purpose has no retention period, or one so
 * long that its end is past any date the ledger can express, is kept until someone decides.
 */
@Component
class ContactsWithoutLegalBasis {

    private final JdbcClient jdbc;
    private final Clock clock;

    ContactsWithoutLegalBasis(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    ContactsWithoutLegalBasisPage handle(FindContactsWithoutLegalBasis query) {
        Instant now = clock.instant();
        List<ContactWithoutLegalBasis> all = new ArrayList<>();
        // One pass over every contact not erased with its standings, in contact order; each contact is decided when
        // the next one starts.
        Contact[] current = {null};
        jdbc.sql("SELECT c.contact_id, c.registered_at, b.purpose_id, p.retention, " + StandingRows.COLUMNS
                        + " FROM contact_view c LEFT JOIN contact_basis b ON b.contact_id = c.contact_id"
                        + " LEFT JOIN basis_purpose p ON p.purpose_id = b.purpose_id"
                        + " WHERE c.erased_at IS NULL ORDER BY c.contact_id")
                .query(rs -> {
                    String contactId = rs.getString("contact_id");
                    if (current[0] == null || !current[0].contactId.equals(contactId)) {
                        decide(current[0], now, query.overdueOnly(), all);
                        current[0] = new Contact(contactId, instant(rs, "registered_at"));
                    }
                    String retention = rs.getString("retention");
                    current[0].add(
                            StandingRows.read(rs),
                            rs.getString("purpose_id"),
                            retention == null ? null : Period.parse(retention),
                            now);
                });
        decide(current[0], now, query.overdueOnly(), all);
        // In long: page × size may pass Integer.MAX_VALUE (any page up to it is a valid, empty page).
        int from = (int) Math.min((long) query.page() * query.size(), all.size());
        int to = Math.min(from + query.size(), all.size());
        return new ContactsWithoutLegalBasisPage(query.page(), query.size(), all.size(), all.subList(from, to));
    }

    private static void decide(
            Contact contact, Instant now, boolean overdueOnly, List<ContactWithoutLegalBasis> without) {
        if (contact == null || contact.inForce) {
            return;
        }
        ContactWithoutLegalBasis described = contact.describe(now);
        if (!overdueOnly || described.overdue()) {
            without.add(described);
        }
    }

    /** One contact's standings as they are read: whether any is in force, else the one that ended last. */
    private static final class Contact {

        private final String contactId;
        private final Instant registeredAt;
        private boolean inForce;
        private String lastPurposeId;
        private Instant lastEndedAt;
        private Period lastRetention;

        Contact(String contactId, Instant registeredAt) {
            this.contactId = contactId;
            this.registeredAt = registeredAt;
        }

        void add(Standing standing, String purposeId, Period retention, Instant now) {
            if (standing.inForceAt(now)) {
                inForce = true;
                return;
            }
            Instant endedAt = standing.endedAt();
            if (endedAt != null && (lastEndedAt == null || endedAt.isAfter(lastEndedAt))) {
                lastPurposeId = purposeId;
                lastEndedAt = endedAt;
                lastRetention = retention;
            }
        }

        ContactWithoutLegalBasis describe(Instant now) {
            if (lastEndedAt == null) {
                return new ContactWithoutLegalBasis(contactId, registeredAt, null, null, null, null, true);
            }
            Instant retentionEndsAt = retentionEnd(lastEndedAt, lastRetention);
            return new ContactWithoutLegalBasis(
                    contactId,
                    registeredAt,
                    lastEndedAt,
                    lastPurposeId,
                    lastRetention,
                    retentionEndsAt,
                    retentionEndsAt != null && !retentionEndsAt.isAfter(now));
        }
    }

    /** When the retention runs out; {@code null} without one or when the end lies past what an instant can hold. */
    private static Instant retentionEnd(Instant endedAt, Period retention) {
        if (retention == null) {
            return null;
        }
        try {
            return endedAt.atZone(ZoneOffset.UTC).plus(retention).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
