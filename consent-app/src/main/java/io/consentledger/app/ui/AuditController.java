package io.consentledger.app.ui;

import static io.consentledger.api.FieldRules.CONTACT_ID;
import static io.consentledger.api.FieldRules.SLUG;

import io.consentledger.api.FieldRules;
import io.consentledger.api.audit.FindLedgerChanges;
import io.consentledger.api.audit.LedgerChangesPage;
import io.consentledger.api.consent.Change;
import io.consentledger.api.consent.FindLegalBasisAsOf;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.query.contact.HistoryTexts;
import io.consentledger.query.export.AuditDownloads;
import io.consentledger.query.projection.Queries;
import jakarta.annotation.security.RolesAllowed;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The auditor's view (AUDITOR): the ledger's changes across contacts with filters, any contact's legal basis as the
 * ledger knew it at a chosen time, and the downloads of the audit export. Times are entered and shown in UTC.
 */
@Controller
@RolesAllowed("AUDITOR")
@RequestMapping("/audit")
class AuditController {

    private static final int PAGE = 50;

    private final Queries queries;
    private final AuditDownloads downloads;
    private final LegalBasisLabels labels;
    private final HistoryTexts historyTexts;

    AuditController(Queries queries, AuditDownloads downloads, LegalBasisLabels labels, HistoryTexts historyTexts) {
        this.queries = queries;
        this.downloads = downloads;
        this.labels = labels;
        this.historyTexts = historyTexts;
    }

    @GetMapping
    String changes(
            @RequestParam(defaultValue = "") String from,
            @RequestParam(defaultValue = "") String to,
            @RequestParam(defaultValue = "") String contactId,
            @RequestParam(defaultValue = "") String purposeId,
            @RequestParam(defaultValue = "") String change,
            @RequestParam(defaultValue = "") String actor,
            @RequestParam(defaultValue = "0") int page,
            Locale locale,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Instant> since = time("from", from, errors);
        Optional<Instant> until = time("to", to, errors);
        if (!contactId.isBlank() && !contactId.strip().matches(CONTACT_ID)) {
            errors.put("contactId", "Enter the contact id as the CRM knows it.");
        }
        if (!purposeId.isBlank() && !purposeId.strip().matches(SLUG)) {
            errors.put("purposeId", "Enter a purpose id such as e-marketing.");
        }
        if (!FieldRules.isSingleLine(actor)) {
            errors.put("actor", "Enter a user name on one line, without control characters.");
        }
        if (!change.isBlank()
                && Arrays.stream(Change.values())
                        .noneMatch(known -> known.name().equals(change))) {
            errors.put("change", "Choose one of the listed changes.");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("from", from.strip());
        filters.put("to", to.strip());
        filters.put("contactId", contactId.strip());
        filters.put("purposeId", purposeId.strip());
        filters.put("change", change.strip());
        filters.put("actor", actor.strip());
        model.addAttribute("filters", filters);
        model.addAttribute("errors", errors);
        model.addAttribute("changes", Change.values());
        if (errors.isEmpty()) {
            LedgerChangesPage found = queries.fresh()
                    .one(
                            new FindLedgerChanges(
                                    since.orElse(null),
                                    until.orElse(null),
                                    blankToNull(contactId),
                                    blankToNull(purposeId),
                                    blankToNull(change),
                                    blankToNull(actor),
                                    Math.max(page, 0),
                                    PAGE),
                            LedgerChangesPage.class)
                    .orElseThrow();
            model.addAttribute("found", historyTexts.described(found, locale));
            model.addAttribute("pages", (found.totalElements() + PAGE - 1) / PAGE);
        }
        return "ui/audit";
    }

    /** A contact's legal basis as the ledger knew it at the instant (from the event store). */
    @GetMapping("/as-of")
    String asOf(
            @RequestParam(defaultValue = "") String contactId,
            @RequestParam(defaultValue = "") String asOf,
            Locale locale,
            Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (!contactId.strip().matches(CONTACT_ID)) {
            errors.put("contactId", "Enter the contact id as the CRM knows it.");
        }
        Optional<Instant> instant = time("asOf", asOf, errors);
        if (instant.isEmpty() && !errors.containsKey("asOf")) {
            errors.put("asOf", "Enter a date and time (UTC).");
        }
        model.addAttribute("contactId", contactId.strip());
        model.addAttribute("asOf", asOf.strip());
        model.addAttribute("errors", errors);
        if (errors.isEmpty()) {
            Queries read = queries.fresh();
            Optional<LegalBasisView> basis =
                    read.one(new FindLegalBasisAsOf(contactId.strip(), instant.get()), LegalBasisView.class);
            model.addAttribute("basis", basis.orElse(null));
            model.addAttribute("instant", instant.get());
            model.addAttribute("labels", labels.labels(read, locale));
        }
        return "ui/as-of";
    }

    @GetMapping("/export.xlsx")
    ResponseEntity<StreamingResponseBody> workbook(
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to) {
        return download(from, to, downloads::workbook);
    }

    @GetMapping("/events.ndjson")
    ResponseEntity<StreamingResponseBody> ndjson(
            @RequestParam(defaultValue = "") String from, @RequestParam(defaultValue = "") String to) {
        return download(from, to, downloads::ndjson);
    }

    /** The download of [from, to); a time that cannot be read sends the auditor back to the page, which says why. */
    private static ResponseEntity<StreamingResponseBody> download(
            String from, String to, BiFunction<Instant, Instant, ResponseEntity<StreamingResponseBody>> download) {
        Map<String, String> errors = new LinkedHashMap<>();
        Optional<Instant> since = time("from", from, errors);
        Optional<Instant> until = time("to", to, errors);
        if (!errors.isEmpty()) {
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(UriComponentsBuilder.fromPath("/audit")
                            .queryParam("from", from)
                            .queryParam("to", to)
                            .encode()
                            .build()
                            .toUri())
                    .build();
        }
        return download.apply(since.orElse(null), until.orElse(null));
    }

    /** A time from a {@code datetime-local} field (UTC) or an ISO instant; empty when blank or unreadable. */
    private static Optional<Instant> time(String field, String text, Map<String, String> errors) {
        String value = text.strip();
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> instant = parse(value).filter(FieldRules::isInRange);
        if (instant.isEmpty()) {
            errors.put(field, "Enter a date and time from 1900 to 9999 such as 2026-03-01T12:00 (UTC).");
        }
        return instant;
    }

    private static Optional<Instant> parse(String value) {
        try {
            return Optional.of(
                    value.endsWith("Z")
                            ? Instant.parse(value)
                            : LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
