package io.consentledger.query.contact;

import static io.consentledger.query.ReadModelTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.purpose.PurposeDefined;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.api.retention.ContactWithoutLegalBasis;
import io.consentledger.api.retention.ContactsWithoutLegalBasisPage;
import io.consentledger.api.retention.FindContactsWithoutLegalBasis;
import io.consentledger.query.Events;
import io.consentledger.query.ReadModelTest;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

@ReadModelTest
@Import({LegalBasisProjection.class, ContactsWithoutLegalBasis.class})
class ContactsWithoutLegalBasisTest {

    private static final Instant DAY_0 = NOW.minus(Duration.ofDays(100));

    @Autowired
    LegalBasisProjection projection;

    @Autowired
    ContactsWithoutLegalBasis without;

    private final Events events = new Events();
    private final List<DomainEventMessage<?>> history = new ArrayList<>();

    @BeforeEach
    void ledgers() {
        purpose("newsletter", Period.ofDays(30));
        purpose("sales", Period.ofYears(1));
        purpose("research", null);
        register("ann");
        record("ann", granted("ann", "newsletter", null), DAY_0);
        register("bob");
        record("bob", granted("bob", "newsletter", NOW.minus(Duration.ofDays(40))), DAY_0);
        register("cy");
        record("cy", documented("cy", "sales"), DAY_0);
        record("cy", new LegalBasisEnded("cy", "sales", 1, LegalBasis.LEGITIMATE_INTERESTS, "objected"), days(-10));
        register("dan");
        register("eve");
        record("eve", granted("eve", "research", null), DAY_0);
        record("eve", new ConsentWithdrawn("eve", "research", 1, "email", null), days(-50));
        register("fay");
        record("fay", new ContactErased("fay"), days(-1));
        register("gus");
        record("gus", granted("gus", "newsletter", NOW.minus(Duration.ofDays(40))), DAY_0);
        record("gus", granted("gus", "sales", null), DAY_0);
        record("gus", new ConsentWithdrawn("gus", "sales", 1, "email", null), days(-5));
        register("hal");
        record("hal", granted("hal", "newsletter", NOW.plus(Duration.ofDays(1))), DAY_0);
        record("hal", new ConsentWithdrawn("hal", "research", 1, "email", null), days(-90));
        Events.project(history, projection);
    }

    @Test
    void listsTheContactsWithNoBasisInForceAndWhenTheirRetentionRunsOut() {
        ContactsWithoutLegalBasisPage page = without.handle(new FindContactsWithoutLegalBasis(false, 0, 50));

        assertThat(page.items())
                .containsExactly(
                        new ContactWithoutLegalBasis(
                                "bob",
                                DAY_0,
                                NOW.minus(Duration.ofDays(40)),
                                "newsletter",
                                Period.ofDays(30),
                                NOW.minus(Duration.ofDays(10)),
                                true),
                        new ContactWithoutLegalBasis(
                                "cy", DAY_0, days(-10), "sales", Period.ofYears(1), plusYear(days(-10)), false),
                        new ContactWithoutLegalBasis("dan", DAY_0, null, null, null, null, true),
                        new ContactWithoutLegalBasis("eve", DAY_0, days(-50), "research", null, null, false),
                        new ContactWithoutLegalBasis(
                                "gus", DAY_0, days(-5), "sales", Period.ofYears(1), plusYear(days(-5)), false));
        assertThat(page.totalElements()).isEqualTo(5);
    }

    @Test
    void listsOnlyTheOverdueOnesWhenAsked() {
        ContactsWithoutLegalBasisPage page = without.handle(new FindContactsWithoutLegalBasis(true, 0, 50));

        assertThat(page.items()).extracting(ContactWithoutLegalBasis::contactId).containsExactly("bob", "dan");
    }

    @Test
    void pagesThroughThem() {
        ContactsWithoutLegalBasisPage second = without.handle(new FindContactsWithoutLegalBasis(false, 1, 2));
        ContactsWithoutLegalBasisPage far = without.handle(new FindContactsWithoutLegalBasis(false, 10_000_000, 500));

        assertThat(second.items())
                .extracting(ContactWithoutLegalBasis::contactId)
                .containsExactly("dan", "eve");
        assertThat(far.items()).isEmpty();
        assertThat(far.totalElements()).isEqualTo(5);
    }

    private static Instant days(int offset) {
        return NOW.plus(Duration.ofDays(offset));
    }

    private static Instant plusYear(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).plusYears(1).toInstant();
    }

    private void purpose(String purposeId, Period retention) {
        record(
                StreamIds.purpose(purposeId),
                new PurposeDefined(
                        purposeId,
                        1,
                        new PurposeTerms(purposeId, null, null, null, true, false, false, null, retention)),
                DAY_0);
    }

    private void register(String contactId) {
        record(contactId, new ContactRegistered(contactId, "Name", "x@example.com", "import", null, "en"), DAY_0);
    }

    private static ConsentGranted granted(String contactId, String purposeId, Instant validUntil) {
        return new ConsentGranted(contactId, purposeId, 1, "web-form", null, null, validUntil, null);
    }

    private static LegalBasisDocumented documented(String contactId, String purposeId) {
        return new LegalBasisDocumented(contactId, purposeId, 1, LegalBasis.LEGITIMATE_INTERESTS, "phone", null, null);
    }

    private void record(String stream, Object payload, Instant at) {
        history.add(events.stored(stream, payload, at, "crm"));
    }
}
