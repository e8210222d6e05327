package io.consentledger.app.ui;

import io.consentledger.api.consent.ConsentStatus;
import io.consentledger.api.consent.FindContactHistory;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.GrantConsent;
import io.consentledger.api.consent.HistoryPage;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.WithdrawConsent;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.ContactSearchPage;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.contact.FindContacts;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.api.source.FindSources;
import io.consentledger.api.source.SourceView;
import io.consentledger.query.catalog.CatalogProjection;
import io.consentledger.query.contact.HistoryProjection;
import io.consentledger.query.contact.LegalBasisProjection;
import io.consentledger.query.export.ContactExport;
import io.consentledger.query.export.ContactExportController;
import io.consentledger.query.export.ContactExports;
import io.consentledger.query.export.ContactWorkbook;
import io.consentledger.query.web.Queries;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The back office: a home page that searches contacts, and the contact card with its legal-basis field. The field
 * opens a dialog (a native {@code <dialog>}; without JavaScript the link renders it open) with every purpose, who
 * recorded what when and from which source, the history newest first, and — for INTEGRATOR and ADMIN — the actions.
 */
@Controller
class BackOfficeController {

    private static final int PAGE = 20;

    private final Queries queries;
    private final UiCommands commands;
    private final ContactExports exports;
    private final ContactWorkbook workbook;

    BackOfficeController(Queries queries, UiCommands commands, ContactExports exports, ContactWorkbook workbook) {
        this.queries = queries;
        this.commands = commands;
        this.exports = exports;
        this.workbook = workbook;
    }

    @GetMapping("/login")
    String login() {
        return "ui/login";
    }

    @GetMapping("/")
    String home(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "0") int page, Model model) {
        String text = q.strip();
        if (!text.isEmpty()) {
            ContactSearchPage found = queries.after(true, LegalBasisProjection.PROCESSING_GROUP)
                    .one(new FindContacts(text, Math.max(page, 0), PAGE), ContactSearchPage.class)
                    .orElseThrow();
            model.addAttribute("found", found);
            model.addAttribute("pages", (found.totalElements() + PAGE - 1) / PAGE);
        }
        model.addAttribute("q", text);
        return "ui/home";
    }

    @GetMapping("/contacts/{contactId}")
    String contact(
            @PathVariable String contactId,
            @RequestParam(required = false) String panel,
            @RequestParam(defaultValue = "0") int historyPage,
            Authentication user,
            Model model) {
        Queries read = queries.after(
                true,
                CatalogProjection.PROCESSING_GROUP,
                LegalBasisProjection.PROCESSING_GROUP,
                HistoryProjection.PROCESSING_GROUP);
        ContactDetails contact = read.one(new FindContact(contactId), ContactDetails.class)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        LegalBasisView basis =
                read.one(new FindLegalBasis(contactId), LegalBasisView.class).orElseThrow();
        HistoryPage history = read.one(
                        new FindContactHistory(contactId, Math.max(historyPage, 0), PAGE, true), HistoryPage.class)
                .orElseThrow();
        List<PurposeView> purposes = read.many(new FindPurposes(false), PurposeView.class);
        List<SourceView> sources = read.many(new FindSources(false), SourceView.class);
        model.addAttribute("contact", contact);
        model.addAttribute("basis", basis);
        model.addAttribute("history", history);
        model.addAttribute("historyPages", (history.totalElements() + PAGE - 1) / PAGE);
        model.addAttribute(
                "consentPurposes",
                purposes.stream()
                        .filter(purpose -> purpose.requiresConsent() || purpose.defaultLegalBasis() == null)
                        .toList());
        model.addAttribute("sources", sources);
        model.addAttribute("open", "legal-basis".equals(panel));
        model.addAttribute("canAct", canAct(user) && contact.erasedAt() == null);
        model.addAttribute("granted", ConsentStatus.GRANTED);
        model.addAttribute("consent", LegalBasis.CONSENT);
        return "ui/contact";
    }

    /** The data-subject workbook of the contact, in the user's language, for the card's "Export to Excel". */
    @GetMapping("/contacts/{contactId}/export.xlsx")
    ResponseEntity<byte[]> export(@PathVariable String contactId, Locale locale) throws IOException {
        ContactExport export = exports.export(
                        queries.after(
                                true,
                                CatalogProjection.PROCESSING_GROUP,
                                LegalBasisProjection.PROCESSING_GROUP,
                                HistoryProjection.PROCESSING_GROUP),
                        contactId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ContactExportController.download(workbook, export, locale);
    }

    @PostMapping("/contacts/{contactId}/consents")
    String grant(
            @PathVariable String contactId,
            @RequestParam String purposeId,
            @RequestParam String sourceId,
            @RequestParam(defaultValue = "") String sourceDetail,
            RedirectAttributes redirect) {
        String detail = sourceDetail.isBlank() ? null : sourceDetail.strip();
        return after(
                contactId,
                commands.send(new GrantConsent(contactId, purposeId, sourceId, detail, null, null, null, null)),
                "granted",
                redirect);
    }

    @PostMapping("/contacts/{contactId}/consents/{purposeId}/withdrawal")
    String withdraw(
            @PathVariable String contactId,
            @PathVariable String purposeId,
            @RequestParam String sourceId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        String why = reason.isBlank() ? null : reason.strip();
        return after(
                contactId,
                commands.send(new WithdrawConsent(contactId, purposeId, sourceId, why)),
                "withdrawn",
                redirect);
    }

    private static String after(String contactId, Optional<String> refusal, String done, RedirectAttributes redirect) {
        if (refusal.isPresent()) {
            redirect.addFlashAttribute("error", refusal.get());
        } else {
            redirect.addFlashAttribute("done", done);
        }
        return "redirect:"
                + UriComponentsBuilder.fromPath("/contacts/{id}")
                        .queryParam("panel", "legal-basis")
                        .buildAndExpand(contactId)
                        .encode()
                        .toUriString();
    }

    private static boolean canAct(Authentication user) {
        return user.getAuthorities().stream()
                .anyMatch(authority -> authority.getAuthority().equals("ROLE_INTEGRATOR")
                        || authority.getAuthority().equals("ROLE_ADMIN"));
    }
}
