package io.consentledger.query.retention;

import static io.consentledger.query.Rows.instant;
import static io.consentledger.query.Rows.utc;

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
 * "Contacts without legal basis", as CRM users know it: contacts not erased with no legal basis in force for any
 * purpose. The last basis to end decides how long the data may still be kept: its purpose's retention period, counted
 * from when it was withdrawn, ended, lapsed or expired. A contact that never had a legal basis is overdue at once; one
 * whose last purpose has no retention period, or one so long that its end is past any date the ledger can express, is
 * kept until someone decides.
 */
@Component
class RetentionQueries {

    /** A contact has a basis in force: granted and, for consent, not past its validity. */
    private static final String IN_FORCE = "b.status = 'GRANTED' AND (b.valid_until IS NULL OR b.valid_until > ?)";

    private final JdbcClient jdbc;
    private final Clock clock;

    RetentionQueries(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @QueryHandler
    ContactsWithoutLegalBasisPage handle(FindContactsWithoutLegalBasis query) {
        Instant now = clock.instant();
        List<String> ids = jdbc.sql("SELECT c.contact_id FROM contact_view c WHERE c.erased_at IS NULL AND NOT EXISTS"
                        + " (SELECT 1 FROM contact_basis b WHERE b.contact_id = c.contact_id AND " + IN_FORCE + ")"
                        + " ORDER BY c.contact_id")
                .param(utc(now))
                .query(String.class)
                .list();
        List<ContactWithoutLegalBasis> all = new ArrayList<>();
        for (String contactId : ids) {
            ContactWithoutLegalBasis contact = describe(contactId, now);
            if (!query.overdueOnly() || contact.overdue()) {
                all.add(contact);
            }
        }
        // In long: page × size may pass Integer.MAX_VALUE (any page up to it is a valid, empty page).
        int from = (int) Math.min((long) query.page() * query.size(), all.size());
        int to = Math.min(from + query.size(), all.size());
        return new ContactsWithoutLegalBasisPage(query.page(), query.size(), all.size(), all.subList(from, to));
    }

    private ContactWithoutLegalBasis describe(String contactId, Instant now) {
        Instant registeredAt = jdbc.sql("SELECT registered_at FROM contact_view WHERE contact_id = ?")
                .param(contactId)
                .query((rs, row) -> instant(rs, "registered_at"))
                .single();
        record Ended(String purposeId, Instant at, Period retention) {}
        List<Ended> ended = jdbc.sql("SELECT b.purpose_id, b.status, b.since, b.valid_until, p.retention"
                        + " FROM contact_basis b LEFT JOIN basis_purpose p ON p.purpose_id = b.purpose_id"
                        + " WHERE b.contact_id = ?")
                .param(contactId)
                .query((rs, row) -> {
                    // An expired consent ended when its validity ran out; anything else when its status last changed.
                    Instant at = "GRANTED".equals(rs.getString("status"))
                            ? instant(rs, "valid_until")
                            : instant(rs, "since");
                    String retention = rs.getString("retention");
                    return new Ended(
                            rs.getString("purpose_id"), at, retention == null ? null : Period.parse(retention));
                })
                .list();
        Ended last = ended.stream().max((a, b) -> a.at().compareTo(b.at())).orElse(null);
        if (last == null) {
            return new ContactWithoutLegalBasis(contactId, registeredAt, null, null, null, null, true);
        }
        Instant retentionEndsAt = retentionEnd(last.at(), last.retention());
        return new ContactWithoutLegalBasis(
                contactId,
                registeredAt,
                last.at(),
                last.purposeId(),
                last.retention(),
                retentionEndsAt,
                retentionEndsAt != null && !retentionEndsAt.isAfter(now));
    }

    /** When the retention runs out; {@code null} without one or when the end lies past what an instant can hold. */
    private static Instant retentionEnd(Instant endedAt, Period retention) {
        if (retention == null || endedAt == null) {
            return null;
        }
        try {
            return endedAt.atZone(ZoneOffset.UTC).plus(retention).toInstant();
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
