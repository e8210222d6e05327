package io.consentledger.query.feed;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.consent.Change;
import io.consentledger.api.consent.ConfirmBy;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentConfirmed;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.Evidence;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.StandingChange;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.contact.ContactDetailsUpdated;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.feed.FeedChange;
import io.consentledger.query.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;

class FeedChangesTest {

    private static final Instant CAPTURED = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant RECORDED = CAPTURED.plus(Duration.ofMinutes(5));
    private static final Instant VALID_UNTIL = CAPTURED.plus(Duration.ofDays(365));

    private final Events events = new Events();

    private FeedChange feed(Object payload) {
        return FeedChanges.of(events.stored("ann", payload, RECORDED, "crm-sync"), 42)
                .orElseThrow();
    }

    @Test
    void mapsEveryKindOfStandingChangeWithTheStatusItLeaves() {
        Evidence evidence = new Evidence("I want the newsletter", null, null, "10.0.0.7", "Firefox");
        Map<StandingChange, StandingStatus> oneOfEach = new LinkedHashMap<>();
        oneOfEach.put(
                new ConsentGranted("ann", "news", 2, "web-form", "spring fair", CAPTURED, VALID_UNTIL, evidence),
                StandingStatus.GRANTED);
        oneOfEach.put(
                new ConsentConfirmationRequested(
                        "ann",
                        "news",
                        2,
                        "consent-1",
                        ConfirmBy.EMAIL,
                        "web-form",
                        "spring fair",
                        CAPTURED,
                        VALID_UNTIL,
                        evidence,
                        RECORDED.plus(Duration.ofDays(7))),
                StandingStatus.PENDING_CONFIRMATION);
        oneOfEach.put(new ConsentConfirmed("ann", "news", 2, "consent-1"), StandingStatus.GRANTED);
        oneOfEach.put(new ConsentLapsed("ann", "news", 2, "consent-1"), StandingStatus.LAPSED);
        oneOfEach.put(new ConsentWithdrawn("ann", "news", 3, "email", "too many mails"), StandingStatus.WITHDRAWN);
        oneOfEach.put(
                new LegalBasisDocumented("ann", "news", 2, LegalBasis.CONTRACT, "phone", "a detail", "a note"),
                StandingStatus.GRANTED);
        oneOfEach.put(
                new LegalBasisEnded("ann", "news", 2, LegalBasis.CONTRACT, "contract over"), StandingStatus.ENDED);
        Set<Class<?>> kinds =
                Arrays.stream(StandingChange.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(oneOfEach.keySet().stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("one example of every permitted StandingChange")
                .isEqualTo(kinds);

        for (Map.Entry<StandingChange, StandingStatus> example : oneOfEach.entrySet()) {
            StandingChange change = example.getKey();
            FeedChange feed = feed(change);
            String kind = change.getClass().getSimpleName();
            assertThat(feed.status()).as(kind).isEqualTo(example.getValue());
            assertThat(feed.position()).as(kind).isEqualTo(42);
            assertThat(feed.contactId()).as(kind).isEqualTo("ann");
            assertThat(feed.purposeId()).as(kind).isEqualTo("news");
            assertThat(feed.purposeVersion()).as(kind).isEqualTo(change.purposeVersion());
            assertThat(feed.actor()).as(kind).isEqualTo("crm-sync");
            assertThat(feed.channel()).as(kind).isEqualTo("api");
            assertThat(feed.recordedAt()).as(kind).isEqualTo(RECORDED);
            assertThat(feed.toString())
                    .as(kind + " carries no personal data")
                    .doesNotContain(
                            "spring fair",
                            "I want the newsletter",
                            "too many mails",
                            "a detail",
                            "a note",
                            "10.0.0.7",
                            "Firefox");
        }
    }

    @Test
    void aConsentCarriesItsSourceValidityAndCaptureTimeAsValidTime() {
        FeedChange granted = feed(new ConsentGranted("ann", "news", 2, "web-form", null, CAPTURED, VALID_UNTIL, null));

        assertThat(granted.change()).isEqualTo(Change.CONSENT_GRANTED);
        assertThat(granted.legalBasis()).isEqualTo(LegalBasis.CONSENT);
        assertThat(granted.sourceId()).isEqualTo("web-form");
        assertThat(granted.validUntil()).isEqualTo(VALID_UNTIL);
        assertThat(granted.occurredAt()).isEqualTo(CAPTURED);
        assertThat(granted.recordedAt()).isEqualTo(RECORDED);
    }

    @Test
    void aChangeWithoutCaptureTimeOccurredWhenItWasRecorded() {
        assertThat(feed(new ConsentGranted("ann", "news", 2, "web-form", null, null, null, null))
                        .occurredAt())
                .isEqualTo(RECORDED);
        FeedChange ended = feed(new LegalBasisEnded("ann", "sales", 1, LegalBasis.LEGITIMATE_INTERESTS, null));
        assertThat(ended.occurredAt()).isEqualTo(RECORDED);
        assertThat(ended.change()).isEqualTo(Change.LEGAL_BASIS_ENDED);
        assertThat(ended.legalBasis()).isEqualTo(LegalBasis.LEGITIMATE_INTERESTS);
        assertThat(ended.sourceId()).isNull();
    }

    @Test
    void anErasureIsAChangeToErasedWithoutPurpose() {
        FeedChange erased = feed(new ContactErased("ann"));

        assertThat(erased.change()).isEqualTo(Change.CONTACT_ERASED);
        assertThat(erased.status()).isEqualTo(StandingStatus.ERASED);
        assertThat(erased.contactId()).isEqualTo("ann");
        assertThat(erased.purposeId()).isNull();
        assertThat(erased.legalBasis()).isNull();
        assertThat(erased.purposeVersion()).isNull();
        assertThat(erased.occurredAt()).isEqualTo(RECORDED);
    }

    @Test
    void eventsThatChangeNoStandingMakeNoFeedChange() {
        assertThat(FeedChanges.of(
                        events.stored(
                                "ann",
                                new ContactRegistered("ann", "Ann", "ann@example.com", "web-form", null, "en"),
                                RECORDED,
                                "crm-sync"),
                        1))
                .isEmpty();
        assertThat(FeedChanges.of(
                        events.stored("ann", new ContactDetailsUpdated("ann", "Ann B", null), RECORDED, "crm-sync"), 2))
                .isEmpty();
    }

    @Test
    void anEventWithoutLedgerMetadataHasNoActorOrChannel() {
        FeedChange change = FeedChanges.of(
                        GenericEventMessage.asEventMessage(new ConsentConfirmed("ann", "news", 2, "consent-1")), 7)
                .orElseThrow();

        assertThat(change.actor()).isNull();
        assertThat(change.channel()).isNull();
        assertThat(change.status()).isEqualTo(StandingStatus.GRANTED);
    }
}
