package io.consentledger.query.contact;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.consent.ConfirmBy;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentConfirmed;
import io.consentledger.api.consent.ConsentGranted;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisDocumented;
import io.consentledger.api.consent.LegalBasisEnded;
import io.consentledger.api.consent.StandingChange;
import io.consentledger.api.consent.StandingStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StandingTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final Instant T1 = T0.plus(Duration.ofDays(1));
    private static final Instant T2 = T0.plus(Duration.ofDays(2));
    private static final Instant T3 = T0.plus(Duration.ofDays(3));

    private static ConsentGranted granted(Instant capturedAt, Instant validUntil) {
        return new ConsentGranted("ann", "news", 2, "web-form", "spring fair", capturedAt, validUntil, null);
    }

    private static ConsentConfirmationRequested requested(String confirmationId) {
        return new ConsentConfirmationRequested(
                "ann", "news", 2, confirmationId, ConfirmBy.EMAIL, "web-form", null, null, T3, null, T2);
    }

    @Test
    void aGrantedConsentCountsFromItsCaptureAndExpiresTheInstantItsValidityRunsOut() {
        Standing standing = Standing.NOT_RECORDED.apply(granted(T0.minusSeconds(60), T2), T0, "crm-sync");

        assertThat(standing.legalBasis()).isEqualTo(LegalBasis.CONSENT);
        assertThat(standing.since()).isEqualTo(T0.minusSeconds(60));
        assertThat(standing.recordedBy()).isEqualTo("crm-sync");
        assertThat(standing.statusAt(T2.minusMillis(1))).isEqualTo(StandingStatus.GRANTED);
        assertThat(standing.statusAt(T2)).isEqualTo(StandingStatus.EXPIRED);
        assertThat(standing.check(true, T2).allowed()).isFalse();
        assertThat(standing.check(true, T1).allowed()).isTrue();
    }

    @Test
    void aConsentWithoutCaptureTimeCountsFromWhenItWasRecorded() {
        assertThat(Standing.NOT_RECORDED
                        .apply(granted(null, null), T1, "crm-sync")
                        .since())
                .isEqualTo(T1);
    }

    @Test
    void aConsentWaitingForConfirmationShowsWhenItLapsesAndDoesNotCount() {
        Standing pending = Standing.NOT_RECORDED.apply(requested("c-1"), T0, "crm-sync");

        assertThat(pending.statusAt(T1)).isEqualTo(StandingStatus.PENDING_CONFIRMATION);
        assertThat(pending.confirmationLapsesAt()).isEqualTo(T2);
        assertThat(pending.toPurposeStanding("news", "Newsletter", T1).confirmationLapsesAt())
                .isEqualTo(T2);
        assertThat(pending.check(true, T1).allowed()).isFalse();
    }

    @Test
    void aConfirmationCountsFromItsOwnMomentAndKeepsWhereTheConsentCameFrom() {
        Standing confirmed = Standing.NOT_RECORDED
                .apply(requested("c-1"), T0, "crm-sync")
                .apply(new ConsentConfirmed("ann", "news", 2, "c-1"), T1, "data-subject");

        assertThat(confirmed.statusAt(T1)).isEqualTo(StandingStatus.GRANTED);
        assertThat(confirmed.since()).isEqualTo(T1);
        assertThat(confirmed.recordedBy()).isEqualTo("data-subject");
        assertThat(confirmed.sourceId()).isEqualTo("web-form");
        assertThat(confirmed.validUntil()).isEqualTo(T3);
        assertThat(confirmed.confirmationLapsesAt()).isNull();
        assertThat(confirmed.statusAt(T3)).isEqualTo(StandingStatus.EXPIRED);
    }

    @Test
    void aLapseKeepsTheConsentsSourceAndValidityButNeverCounts() {
        Standing lapsed = Standing.NOT_RECORDED
                .apply(requested("c-1"), T0, "crm-sync")
                .apply(new ConsentLapsed("ann", "news", 2, "c-1"), T2, "system");

        assertThat(lapsed.statusAt(T2)).isEqualTo(StandingStatus.LAPSED);
        assertThat(lapsed.since()).isEqualTo(T2);
        assertThat(lapsed.sourceId()).isEqualTo("web-form");
        assertThat(lapsed.validUntil()).isEqualTo(T3);
        assertThat(lapsed.confirmationLapsesAt()).isNull();
        assertThat(lapsed.check(true, T2).reason()).isEqualTo("Consent was not confirmed in time.");
    }

    @Test
    void aConfirmationOrLapseOfAnEarlierRequestChangesNothing() {
        Standing pending =
                Standing.NOT_RECORDED.apply(requested("c-1"), T0, "crm-sync").apply(requested("c-2"), T1, "crm-sync");

        assertThat(pending.apply(new ConsentConfirmed("ann", "news", 2, "c-1"), T2, "data-subject"))
                .isSameAs(pending);
        assertThat(pending.apply(new ConsentLapsed("ann", "news", 2, "c-1"), T2, "system"))
                .isSameAs(pending);
        Standing withdrawn = pending.apply(new ConsentWithdrawn("ann", "news", 2, "email", null), T2, "crm-sync");
        assertThat(withdrawn.apply(new ConsentConfirmed("ann", "news", 2, "c-2"), T3, "data-subject"))
                .isSameAs(withdrawn);
    }

    @Test
    void aWithdrawalReplacesTheConsentAndItsValidity() {
        Standing withdrawn = Standing.NOT_RECORDED
                .apply(granted(T0, T3), T0, "crm-sync")
                .apply(new ConsentWithdrawn("ann", "news", 3, "email", "too many mails"), T1, "data-subject");

        assertThat(withdrawn.statusAt(T3)).isEqualTo(StandingStatus.WITHDRAWN);
        assertThat(withdrawn.purposeVersion()).isEqualTo(3);
        assertThat(withdrawn.sourceId()).isEqualTo("email");
        assertThat(withdrawn.validUntil()).isNull();
        assertThat(withdrawn.check(true, T2).reason()).isEqualTo("Consent was withdrawn.");
    }

    @Test
    void anotherLegalBasisIsInForceUntilItEnds() {
        Standing documented = Standing.NOT_RECORDED.apply(
                new LegalBasisDocumented("ann", "sales", 1, LegalBasis.CONTRACT, "phone", null, null), T0, "sales");
        assertThat(documented.check(true, T1).allowed()).isTrue();
        assertThat(documented.check(true, T1).reason()).isEqualTo("Contract applies.");
        assertThat(documented.check(false, T1).reason()).isEqualTo("The purpose is retired.");

        Standing ended = documented.apply(
                new LegalBasisEnded("ann", "sales", 1, LegalBasis.CONTRACT, "contract over"), T1, "sales");
        assertThat(ended.statusAt(T2)).isEqualTo(StandingStatus.ENDED);
        assertThat(ended.legalBasis()).isEqualTo(LegalBasis.CONTRACT);
        assertThat(ended.sourceId()).isNull();
    }

    @Test
    void nothingRecordedIsNeverAllowed() {
        assertThat(Standing.NOT_RECORDED.check(true, T0))
                .satisfies(check -> assertThat(check.allowed()).isFalse())
                .satisfies(check -> assertThat(check.status()).isEqualTo(StandingStatus.NOT_RECORDED))
                .satisfies(
                        check -> assertThat(check.reason()).isEqualTo("No legal basis is recorded for this purpose."));
        assertThat(Standing.NOT_RECORDED
                        .toPurposeStanding("news", "Newsletter", T0)
                        .legalBasis())
                .isNull();
    }

    @Test
    void foldsEveryKindOfStandingChange() {
        List<StandingChange> oneOfEach = List.of(
                granted(T0, null),
                requested("c-1"),
                new ConsentConfirmed("ann", "news", 2, "c-1"),
                new ConsentLapsed("ann", "news", 2, "c-1"),
                new ConsentWithdrawn("ann", "news", 2, "email", null),
                new LegalBasisDocumented("ann", "news", 2, LegalBasis.CONTRACT, "phone", null, null),
                new LegalBasisEnded("ann", "news", 2, LegalBasis.CONTRACT, null));
        Set<Class<?>> kinds =
                Arrays.stream(StandingChange.class.getPermittedSubclasses()).collect(Collectors.toSet());
        assertThat(oneOfEach.stream().map(Object::getClass).collect(Collectors.toSet()))
                .as("one example of every permitted StandingChange")
                .isEqualTo(kinds);

        Standing pending = Standing.NOT_RECORDED.apply(requested("c-1"), T0, "crm-sync");
        for (StandingChange change : oneOfEach) {
            assertThat(pending.apply(change, T1, "someone"))
                    .as(change.getClass().getSimpleName())
                    .isNotEqualTo(pending);
        }
    }

    @Test
    void theStatusAChangeLeavesOnItsOwnIsWhatTheFoldGivesInTheLedger() {
        // In the ledger a confirmation or a lapse only ever follows the request it names (ContactLedger), anything
        // else may follow anything: the status after each change alone is the fold's after that history.
        ConsentConfirmed confirmed = new ConsentConfirmed("ann", "news", 2, "c-1");
        ConsentLapsed lapsed = new ConsentLapsed("ann", "news", 2, "c-1");
        Standing pending = Standing.NOT_RECORDED.apply(requested("c-1"), T0, "crm-sync");
        assertThat(Standings.statusAfter(confirmed))
                .isEqualTo(pending.apply(confirmed, T1, "data-subject").status());
        assertThat(Standings.statusAfter(lapsed))
                .isEqualTo(pending.apply(lapsed, T1, "system").status());

        List<StandingChange> replacing = List.of(
                granted(T0, null),
                requested("c-2"),
                new ConsentWithdrawn("ann", "news", 2, "email", null),
                new LegalBasisDocumented("ann", "news", 2, LegalBasis.CONTRACT, "phone", null, null),
                new LegalBasisEnded("ann", "news", 2, LegalBasis.CONTRACT, null));
        Standing granted = Standing.NOT_RECORDED.apply(granted(T0, null), T0, "crm-sync");
        for (StandingChange change : replacing) {
            for (Standing before : List.of(Standing.NOT_RECORDED, pending, granted)) {
                assertThat(Standings.statusAfter(change))
                        .as(change.getClass().getSimpleName() + " after " + before.status())
                        .isEqualTo(before.apply(change, T1, "someone").status());
            }
        }
    }
}
