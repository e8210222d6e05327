package io.consentledger.query.contact;

import static io.consentledger.query.ReadModelTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.consentledger.api.StreamIds;
import io.consentledger.api.consent.CheckConsent;
import io.consentledger.api.consent.CheckConsentAsOf;
import io.consentledger.api.consent.CheckConsents;
import io.consentledger.api.consent.CheckConsentsAsOf;
import io.consentledger.api.consent.ConfirmBy;
import io.consentledger.api.consent.ConsentCheck;
import io.consentledger.api.consent.ConsentCheckResult;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.FindLegalBasisAsOf;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.LegalBasisNamed;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.purpose.PurposeDefined;
import io.consentledger.api.purpose.PurposeRetired;
import io.consentledger.api.purpose.PurposeRevised;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.query.Events;
import io.consentledger.query.ReadModelTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

@ReadModelTest
@Import({LegalBasisProjection.class, LegalBasisProjectionTest.WithCatalog.class})
class LegalBasisProjectionTest {

    /** The catalog's projection, package-private in its own package like every projection. */
    @ComponentScan(
            basePackages = "io.consentledger.query.catalog",
            useDefaultFilters = false,
            includeFilters = @ComponentScan.Filter(type = FilterType.REGEX, pattern = ".*\\.CatalogProjection"))
    static class WithCatalog {}

    private static final Instant DAY_0 = NOW.minus(Duration.ofDays(10));

    @Autowired
    LegalBasisProjection projection;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    @Qualifier("catalogProjection")
    Object catalog;

    private final Events events = new Events();
    private final List<DomainEventMessage<?>> history = new ArrayList<>();

    @BeforeEach
    void catalog() {
        purpose("pending", "Newsletter");
        purpose("lapsed", "Events");
        purpose("expired", "Surveys");
        purpose("withdrawn", "Offers");
        purpose("ended", "Sales and service");
        purpose("contract", "Delivery");
        purpose("untouched", "Research");
        purpose("retired", "Old campaign");
        record(StreamIds.purpose("retired"), new PurposeRetired("retired", 1, "over"), DAY_0, "admin");
        record(
                StreamIds.purpose("offers-renamed"),
                new PurposeDefined("offers-renamed", 1, terms("Deals")),
                DAY_0,
                "admin");
        record(
                StreamIds.legalBasis(LegalBasis.CONTRACT),
                new LegalBasisNamed(LegalBasis.CONTRACT, "Agreement"),
                DAY_0,
                "admin");
    }

    /** Ann stands differently for every purpose: pending, lapsed, expired, withdrawn, ended, in force, nothing. */
    private void annsLedger() {
        Instant day1 = DAY_0.plus(Duration.ofDays(1));
        Instant day2 = DAY_0.plus(Duration.ofDays(2));
        record("ann", new ContactRegistered("ann", "Ann Smith", "ann@example.com", "import", null, "en"), day1, "crm");
        record("ann", requested("pending", "c-1", NOW.plus(Duration.ofDays(3))), day1, "crm");
        record("ann", requested("lapsed", "c-2", day2), day1, "crm");
        record("ann", new ConsentLapsed("ann", "lapsed", 1, "c-2"), day2, "system");
        record("ann", granted("expired", NOW.minusSeconds(1)), day1, "crm");
        record("ann", granted("withdrawn", null), day1, "crm");
        record("ann", new ConsentWithdrawn("ann", "withdrawn", 1, "email", "no thanks"), day2, "data-subject");
        record("ann", documented("ended", LegalBasis.LEGITIMATE_INTERESTS), day1, "sales");
        record(
                "ann",
                new LegalBasisEnded("ann", "ended", 1, LegalBasis.LEGITIMATE_INTERESTS, "objected"),
                day2,
                "sales");
        record("ann", documented("contract", LegalBasis.CONTRACT), day2, "sales");
    }

    @Test
    void showsWhereTheContactStandsForEveryActivePurpose() {
        annsLedger();
        Events.project(history, projection);

        LegalBasisView card = projection.handle(new FindLegalBasis("ann")).orElseThrow();

        assertThat(card.purposes())
                .extracting(PurposeStanding::purposeId, PurposeStanding::status)
                .containsExactly(
                        tuple("contract", StandingStatus.GRANTED),
                        tuple("ended", StandingStatus.ENDED),
                        tuple("expired", StandingStatus.EXPIRED),
                        tuple("lapsed", StandingStatus.LAPSED),
                        tuple("offers-renamed", StandingStatus.NOT_RECORDED),
                        tuple("pending", StandingStatus.PENDING_CONFIRMATION),
                        tuple("untouched", StandingStatus.NOT_RECORDED),
                        tuple("withdrawn", StandingStatus.WITHDRAWN));
        assertThat(card.summary()).isEqualTo("Agreement: Delivery");
        assertThat(purpose(card, "pending").confirmationLapsesAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
        assertThat(purpose(card, "lapsed").validUntil()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    }

    @Test
    void theCardAsOfNowIsTodaysCard() {
        annsLedger();
        Events.project(history, projection);
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        store.publish(history);
        PointInTime pointInTime = pointInTime(store);

        LegalBasisView today = projection.handle(new FindLegalBasis("ann")).orElseThrow();
        LegalBasisView asOfNow =
                pointInTime.handle(new FindLegalBasisAsOf("ann", NOW)).orElseThrow();

        assertThat(asOfNow).isEqualTo(today);
        for (PurposeStanding purpose : today.purposes()) {
            assertThat(pointInTime.handle(new CheckConsentAsOf("ann", purpose.purposeId(), NOW)))
                    .as(purpose.purposeId())
                    .isEqualTo(projection.handle(new CheckConsent("ann", purpose.purposeId())));
        }
    }

    @Test
    void theCheckInBulkAnswersEveryContactAsTheSingleCheckDoesTodayAndAsOfAnInstant() {
        annsLedger();
        record("eve", new ContactRegistered("eve", "Eve Jones", "eve@example.com", "import", null, "en"), DAY_0, "crm");
        record("eve", documented("eve", "contract", LegalBasis.CONTRACT), DAY_0, "sales");
        record("eve", new ContactErased("eve"), DAY_0.plus(Duration.ofDays(1)), "admin");
        record("retiree", new ContactRegistered("retiree", "R", "r@example.com", "import", null, "en"), DAY_0, "crm");
        record("retiree", documented("retiree", "retired", LegalBasis.CONTRACT), DAY_0, "sales");
        Events.project(history, projection);
        EmbeddedEventStore store = EmbeddedEventStore.builder()
                .storageEngine(new InMemoryEventStorageEngine())
                .build();
        store.publish(history);
        PointInTime pointInTime = pointInTime(store);
        List<String> contacts = List.of("ann", "eve", "nobody", "retiree", "ann");

        Set<StandingStatus> seen = EnumSet.noneOf(StandingStatus.class);
        for (String purposeId :
                List.of("pending", "lapsed", "expired", "withdrawn", "ended", "contract", "untouched", "retired")) {
            List<ConsentCheckResult> today =
                    projection.handle(new CheckConsents(purposeId, contacts)).results();
            List<ConsentCheckResult> asOfNow = pointInTime
                    .handle(new CheckConsentsAsOf(purposeId, contacts, NOW))
                    .results();
            assertThat(today).extracting(ConsentCheckResult::contactId).containsExactlyElementsOf(contacts);
            assertThat(asOfNow).as(purposeId).isEqualTo(today);
            for (ConsentCheckResult result : today) {
                Optional<ConsentCheck> single = projection.handle(new CheckConsent(result.contactId(), purposeId));
                assertThat(result)
                        .as(purposeId + " " + result.contactId())
                        .isEqualTo(
                                ConsentCheckResult.of(result.contactId(), single.orElseGet(Standing::unknownContact)));
                assertThat(pointInTime.handle(new CheckConsentAsOf(result.contactId(), purposeId, NOW)))
                        .isEqualTo(single);
                seen.add(result.status());
            }
        }
        assertThat(seen).as("every status was compared").containsExactlyInAnyOrder(StandingStatus.values());
        assertThat(pointInTime
                        .handle(new CheckConsentsAsOf("lapsed", List.of("ann"), DAY_0.plus(Duration.ofHours(30))))
                        .results())
                .extracting(ConsentCheckResult::status)
                .as("before it lapsed")
                .containsExactly(StandingStatus.PENDING_CONFIRMATION);
        assertThatThrownBy(() -> projection.handle(new CheckConsents("unknown", contacts)))
                .isInstanceOf(PurposeNotFound.class);
        assertThatThrownBy(() -> pointInTime.handle(new CheckConsentsAsOf("contract", contacts, DAY_0.minusSeconds(1))))
                .as("not defined yet")
                .isInstanceOf(PurposeNotFound.class);
    }

    @Test
    void checksConsentBeforeASend() {
        annsLedger();
        Events.project(history, projection);

        assertThat(check("contract").allowed()).isTrue();
        assertThat(check("pending").allowed()).isFalse();
        assertThat(check("expired").status()).isEqualTo(StandingStatus.EXPIRED);
        assertThat(check("untouched").status()).isEqualTo(StandingStatus.NOT_RECORDED);
        assertThat(check("retired").reason()).isEqualTo("No legal basis is recorded for this purpose.");
        assertThat(projection.handle(new CheckConsent("bob", "contract"))).isEmpty();
        assertThatThrownBy(() -> projection.handle(new CheckConsent("ann", "unknown")))
                .isInstanceOf(PurposeNotFound.class);

        record("ann", new ContactErased("ann"), NOW, "admin");
        Events.project(history.subList(history.size() - 1, history.size()), projection);
        assertThat(check("contract").status()).isEqualTo(StandingStatus.ERASED);
    }

    @Test
    void theCardKeepsItsPurposesWhenTheCatalogIsRebuilt() {
        annsLedger();
        Events.project(history, catalog, projection);
        LegalBasisView before = projection.handle(new FindLegalBasis("ann")).orElseThrow();

        new AnnotationEventHandlerAdapter(catalog).prepareReset();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM purpose_view")
                        .query(Long.class)
                        .single())
                .as("the catalog is empty while it is rebuilt")
                .isZero();

        assertThat(projection.handle(new FindLegalBasis("ann")).orElseThrow()).isEqualTo(before);
        assertThat(before.purposes()).hasSize(8);
    }

    @Test
    void aRebuildStartsFromNothing() throws Exception {
        annsLedger();
        Events.project(history, projection);

        new AnnotationEventHandlerAdapter(projection).prepareReset();
        assertThat(projection.handle(new FindLegalBasis("ann"))).isEmpty();
        Events.project(history, projection);

        assertThat(projection.handle(new FindLegalBasis("ann")).orElseThrow().purposes())
                .hasSize(8);
    }

    @Test
    void anEventSeenTwiceDoesNoHarm() {
        annsLedger();
        Events.project(history, projection);
        LegalBasisView once = projection.handle(new FindLegalBasis("ann")).orElseThrow();

        Events.project(
                history.stream()
                        .filter(event -> !(event.getPayload() instanceof ContactRegistered))
                        .toList(),
                projection);

        assertThat(projection.handle(new FindLegalBasis("ann")).orElseThrow()).isEqualTo(once);
    }

    private ConsentCheck check(String purposeId) {
        return projection.handle(new CheckConsent("ann", purposeId)).orElseThrow();
    }

    private static PurposeStanding purpose(LegalBasisView card, String purposeId) {
        return card.purposes().stream()
                .filter(purpose -> purpose.purposeId().equals(purposeId))
                .findFirst()
                .orElseThrow();
    }

    private void purpose(String purposeId, String name) {
        record(
                StreamIds.purpose(purposeId),
                new PurposeDefined(purposeId, 1, terms(name + " (draft)")),
                DAY_0,
                "admin");
        record(StreamIds.purpose(purposeId), new PurposeRevised(purposeId, 2, terms(name)), DAY_0, "admin");
    }

    private static PurposeTerms terms(String name) {
        return new PurposeTerms(name, null, null, null, true, false, false, null, null);
    }

    private static ConsentGranted granted(String purposeId, Instant validUntil) {
        return new ConsentGranted("ann", purposeId, 1, "web-form", null, null, validUntil, null);
    }

    private static ConsentConfirmationRequested requested(String purposeId, String confirmationId, Instant lapsesAt) {
        return new ConsentConfirmationRequested(
                "ann",
                purposeId,
                1,
                confirmationId,
                ConfirmBy.EMAIL,
                "web-form",
                null,
                null,
                NOW.plus(Duration.ofDays(30)),
                null,
                lapsesAt);
    }

    private static LegalBasisDocumented documented(String purposeId, LegalBasis basis) {
        return documented("ann", purposeId, basis);
    }

    private static LegalBasisDocumented documented(String contactId, String purposeId, LegalBasis basis) {
        return new LegalBasisDocumented(contactId, purposeId, 1, basis, "phone", null, null);
    }

    /** As of an instant from an event store kept in memory: contact by contact, as with Axon Server. */
    private PointInTime pointInTime(EmbeddedEventStore store) {
        StaticListableBeanFactory none = new StaticListableBeanFactory();
        return new PointInTime(
                store,
                jdbc,
                none.getBeanProvider(EventStorageEngine.class),
                JacksonSerializer.defaultSerializer(),
                none.getBeanProvider(Configuration.class));
    }

    private void record(String stream, Object payload, Instant at, String actor) {
        history.add(events.stored(stream, payload, at, actor));
    }
}
