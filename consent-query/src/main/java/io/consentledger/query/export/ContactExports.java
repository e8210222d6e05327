package io.consentledger.query.export;

import io.consentledger.api.consent.FindContactHistory;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.HistoryEntry;
import io.consentledger.api.consent.HistoryPage;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.query.contact.HistoryTexts;
import io.consentledger.query.projection.Queries;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Gathers a contact's export from the read models. */
@Component
public class ContactExports {

    /** The history changes that are about the confirmation emails. */
    static final Set<String> EMAIL_CHANGES =
            Set.of("CONFIRMATION_EMAIL_REQUESTED", "CONFIRMATION_EMAIL_SENT", "CONFIRMATION_EMAIL_FAILED");

    private static final int PAGE = 500;

    private final Clock clock;
    private final HistoryTexts texts;

    ContactExports(Clock clock, HistoryTexts texts) {
        this.clock = clock;
        this.texts = texts;
    }

    /** The contact's export with the history's details in the locale's language, or empty for an unknown contact. */
    public Optional<ContactExport> export(Queries read, String contactId, Locale locale) {
        Optional<ContactDetails> contact = read.one(new FindContact(contactId), ContactDetails.class);
        if (contact.isEmpty()) {
            return Optional.empty();
        }
        LegalBasisView basis =
                read.one(new FindLegalBasis(contactId), LegalBasisView.class).orElseThrow();
        Map<String, PurposeView> purposes = read.many(new FindPurposes(true), PurposeView.class).stream()
                .collect(Collectors.toMap(PurposeView::purposeId, Function.identity()));
        List<ExportedStanding> standings = basis.purposes().stream()
                .map(entry -> {
                    PurposeView purpose = purposes.get(entry.purposeId());
                    return new ExportedStanding(
                            entry.purposeId(),
                            entry.purposeName(),
                            purpose == null ? null : purpose.description(),
                            entry.purposeVersion(),
                            entry.legalBasis(),
                            entry.status(),
                            entry.since(),
                            entry.sourceId(),
                            entry.recordedBy(),
                            entry.validUntil());
                })
                .toList();
        List<HistoryEntry> history = texts.described(history(read, contactId), locale);
        List<HistoryEntry> emails = history.stream()
                .filter(entry -> EMAIL_CHANGES.contains(entry.change()))
                .toList();
        return Optional.of(new ContactExport(
                ContactExport.SCHEMA, clock.instant(), contact.get(), basis.summary(), standings, history, emails));
    }

    private static List<HistoryEntry> history(Queries read, String contactId) {
        List<HistoryEntry> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            Optional<HistoryPage> found = read.one(new FindContactHistory(contactId, page, PAGE), HistoryPage.class);
            if (found.isEmpty() || found.get().items().isEmpty()) {
                return all;
            }
            all.addAll(found.get().items());
            if (all.size() >= found.get().totalElements()) {
                return all;
            }
        }
    }
}
