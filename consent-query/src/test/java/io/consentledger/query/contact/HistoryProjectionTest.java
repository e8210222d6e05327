package io.consentledger.query.contact;

import static io.consentledger.query.ReadModelTest.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.api.consent.ConfirmBy;
import io.consentledger.api.consent.ConsentConfirmationRequested;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.ConsentWithdrawn;
import io.consentledger.api.consent.FindContactHistory;
import io.consentledger.api.consent.HistoryEntry;
import io.consentledger.api.contact.ConfirmationEmailFailed;
import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationEmailSent;
import io.consentledger.api.contact.ConfirmationTrigger;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.query.Events;
import io.consentledger.query.ReadModelTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.context.support.ResourceBundleMessageSource;

@ReadModelTest
@Import(HistoryProjection.class)
class HistoryProjectionTest {

    private static final Instant T0 = NOW.minus(Duration.ofDays(2));
    private static final Instant LAPSES = NOW.plus(Duration.ofDays(7));
    private static final Instant RETRY = Instant.parse("2026-06-01T12:05:00Z");
    private static final Locale DANISH = Locale.forLanguageTag("da");

    @Autowired
    HistoryProjection projection;

    private final HistoryTexts texts = new HistoryTexts(messages());
    private final Events events = new Events();
    private final List<DomainEventMessage<?>> ledger = new ArrayList<>();

    private void annsLedger() {
        record(new ContactRegistered("ann", "Ann Smith", "ann@example.com", "import", "fair stand 4", "en"), "crm");
        record(
                new ConsentConfirmationRequested(
                        "ann", "news", 1, "c-1", ConfirmBy.EMAIL, "web-form", "footer", null, null, null, LAPSES),
                "crm");
        record(
                new ConfirmationEmailRequested(
                        "ann", "r-1", ConfirmationTrigger.CONSENT_TO_CONFIRM, null, null, "en", null, null, null, null),
                "crm");
        record(new ConfirmationEmailFailed("ann", "r-1", 1, "connection", RETRY), "system");
        record(new ConfirmationEmailSent("ann", "r-1", 2), "system");
        record(new ConsentLapsed("ann", "news", 1, "c-1"), "system");
        record(new ConfirmationEmailFailed("ann", "r-1", 3, "consent-lapsed", null), "system");
        record(new ConsentWithdrawn("ann", "news", 1, "email", "too many mails"), "data-subject");
        Events.project(ledger, projection);
    }

    @Test
    void keepsEveryChangeAsACodeWithItsParameters() {
        annsLedger();

        List<HistoryEntry> history = history();

        assertThat(history)
                .extracting(HistoryEntry::change)
                .containsExactly(
                        "CONTACT_REGISTERED",
                        "CONSENT_CONFIRMATION_REQUESTED",
                        "CONFIRMATION_EMAIL_REQUESTED",
                        "CONFIRMATION_EMAIL_FAILED",
                        "CONFIRMATION_EMAIL_SENT",
                        "CONSENT_LAPSED",
                        "CONFIRMATION_EMAIL_FAILED",
                        "CONSENT_WITHDRAWN");
        assertThat(history.get(1).confirmBy()).isEqualTo(ConfirmBy.EMAIL);
        assertThat(history.get(1).confirmationLapsesAt()).isEqualTo(LAPSES);
        assertThat(history.get(2).emailTrigger()).isEqualTo(ConfirmationTrigger.CONSENT_TO_CONFIRM);
        assertThat(history.get(3))
                .extracting(HistoryEntry::attempt, HistoryEntry::errorKind, HistoryEntry::nextAttemptAt)
                .containsExactly(1, "connection", RETRY);
        assertThat(history.get(4).attempt()).isEqualTo(2);
        assertThat(history.get(6).nextAttemptAt()).isNull();
        assertThat(history)
                .extracting(HistoryEntry::reason)
                .as("reason holds only what people wrote")
                .containsExactly(null, null, null, null, null, null, null, "too many mails");
        assertThat(history).extracting(HistoryEntry::actor).startsWith("crm", "crm", "crm", "system");
        assertThat(history).extracting(HistoryEntry::detail).containsOnlyNulls();
    }

    @Test
    void saysTheParametersInTheReadersLanguage() {
        annsLedger();

        assertThat(texts.described(history(), Locale.ENGLISH))
                .extracting(HistoryEntry::detail)
                .containsExactly(
                        null,
                        "Waits for confirmation by email until 2026-06-08 12:00:00 UTC",
                        "Asks the person to confirm a consent",
                        "Attempt 1 failed (connection); next attempt at 2026-06-01 12:05:00 UTC",
                        "Attempt 2",
                        null,
                        "Attempt 3 failed; no further attempt (consent-lapsed)",
                        null);
        assertThat(texts.described(history(), DANISH))
                .extracting(HistoryEntry::detail)
                .containsExactly(
                        null,
                        "Venter på bekræftelse via e-mail indtil 2026-06-08 12:00:00 UTC",
                        "Beder personen bekræfte et samtykke",
                        "Forsøg 1 mislykkedes (connection); næste forsøg 2026-06-01 12:05:00 UTC",
                        "Forsøg 2",
                        null,
                        "Forsøg 3 mislykkedes; ingen flere forsøg (consent-lapsed)",
                        null);
    }

    @Test
    void anErasureBlanksWhatPeopleWroteAndKeepsTheCodes() {
        annsLedger();
        record(new ContactErased("ann"), "admin");
        Events.project(ledger.subList(ledger.size() - 1, ledger.size()), projection);

        List<HistoryEntry> history = history();

        assertThat(history).extracting(HistoryEntry::sourceDetail).containsOnlyNulls();
        assertThat(history).extracting(HistoryEntry::reason).containsOnlyNulls();
        assertThat(history.get(3).attempt()).isEqualTo(1);
        assertThat(history.get(history.size() - 1).change()).isEqualTo("CONTACT_ERASED");
    }

    @Test
    void aRebuildStartsFromNothing() throws Exception {
        annsLedger();
        new org.axonframework.eventhandling.AnnotationEventHandlerAdapter(projection).prepareReset();
        assertThat(projection.handle(new FindContactHistory("ann", 0, 50, false)))
                .isEmpty();

        Events.project(ledger, projection);
        assertThat(history()).hasSize(8);
    }

    private List<HistoryEntry> history() {
        return projection
                .handle(new FindContactHistory("ann", 0, 50, false))
                .orElseThrow()
                .items();
    }

    private void record(Object payload, String actor) {
        ledger.add(events.stored("ann", payload, T0.plusSeconds(ledger.size()), actor));
    }

    private static ResourceBundleMessageSource messages() {
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasename("messages/history");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return messages;
    }
}
