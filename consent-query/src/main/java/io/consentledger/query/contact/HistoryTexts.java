package io.consentledger.query.contact;

import io.consentledger.api.audit.LedgerChange;
import io.consentledger.api.audit.LedgerChangesPage;
import io.consentledger.api.consent.Change;
import io.consentledger.api.consent.HistoryEntry;
import io.consentledger.api.consent.HistoryPage;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Says what a history entry's parameters mean, in the reader's language ({@code messages/history}): the history
 * stores codes and parameters, and every edge that shows it (the API, the back office, the export) words them here.
 */
@Component
public class HistoryTexts {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private final MessageSource messages;

    HistoryTexts(MessageSource messages) {
        this.messages = messages;
    }

    /** The page with every entry's parameters in words. */
    public HistoryPage described(HistoryPage page, Locale locale) {
        return new HistoryPage(
                page.contactId(), page.page(), page.size(), page.totalElements(), described(page.items(), locale));
    }

    /** The page of changes with every entry's parameters in words. */
    public LedgerChangesPage described(LedgerChangesPage page, Locale locale) {
        return new LedgerChangesPage(
                page.page(),
                page.size(),
                page.totalElements(),
                page.items().stream()
                        .map(item -> new LedgerChange(item.contactId(), described(item.entry(), locale)))
                        .toList());
    }

    /** The entries with their parameters in words. */
    public List<HistoryEntry> described(List<HistoryEntry> entries, Locale locale) {
        return entries.stream().map(entry -> described(entry, locale)).toList();
    }

    /** The entry with its parameters in words. */
    public HistoryEntry described(HistoryEntry entry, Locale locale) {
        return entry.withDetail(detail(entry, locale));
    }

    /** The entry's parameters in words; {@code null} for a change without any. */
    String detail(HistoryEntry entry, Locale locale) {
        Change change = Change.valueOf(entry.change());
        String key = "history.detail." + change.name();
        return switch (change) {
            case CONSENT_CONFIRMATION_REQUESTED ->
                entry.confirmBy() == null
                        ? null
                        : text(
                                key,
                                locale,
                                text("history.confirmBy." + entry.confirmBy().name(), locale),
                                time(entry.confirmationLapsesAt()));
            case CONFIRMATION_EMAIL_REQUESTED ->
                entry.emailTrigger() == null
                        ? null
                        : text(key + "." + entry.emailTrigger().name(), locale);
            case CONFIRMATION_EMAIL_SENT -> entry.attempt() == null ? null : text(key, locale, entry.attempt());
            case CONFIRMATION_EMAIL_FAILED ->
                entry.attempt() == null
                        ? null
                        : entry.nextAttemptAt() == null
                                ? text(key + ".givenUp", locale, entry.attempt(), entry.errorKind())
                                : text(
                                        key + ".retrying",
                                        locale,
                                        entry.attempt(),
                                        entry.errorKind(),
                                        time(entry.nextAttemptAt()));
            default -> null;
        };
    }

    private String text(String key, Locale locale, Object... args) {
        Object[] words = new Object[args.length];
        for (int i = 0; i < args.length; i++) {
            // As written: a number is no amount to group ("Attempt 1000", not "1,000").
            words[i] = args[i] == null ? "" : String.valueOf(args[i]);
        }
        return messages.getMessage(key, words, locale);
    }

    private static String time(Instant instant) {
        return instant == null ? "" : TIME.format(instant);
    }
}
