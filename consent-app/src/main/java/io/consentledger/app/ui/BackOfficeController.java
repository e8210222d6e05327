package io.consentledger.app.ui;

import static io.consentledger.api.FieldRules.CONTACT_ID;
import static io.consentledger.api.FieldRules.DESCRIPTION_MAX;
import static io.consentledger.api.FieldRules.DETAIL_MAX;
import static io.consentledger.api.FieldRules.EMAIL_MAX;
import static io.consentledger.api.FieldRules.NAME_MAX;
import static io.consentledger.api.FieldRules.REASON_MAX;
import static io.consentledger.api.FieldRules.SLUG;

import io.consentledger.api.ContactId;
import io.consentledger.api.FieldRules;
import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.DocumentLegalBasis;
import io.consentledger.api.consent.EndLegalBasis;
import io.consentledger.api.consent.FindContactHistory;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.GrantConsent;
import io.consentledger.api.consent.HistoryPage;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.consent.WithdrawConsent;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.ContactSearchPage;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.contact.FindContacts;
import io.consentledger.api.contact.RegisterContact;
import io.consentledger.api.contact.RequestConfirmationEmail;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.api.source.FindSources;
import io.consentledger.api.source.SourceView;
import io.consentledger.app.security.Role;
import io.consentledger.command.profile.ProfileLink;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.query.contact.HistoryTexts;
import io.consentledger.query.export.ContactExport;
import io.consentledger.query.export.ContactExportController;
import io.consentledger.query.export.ContactExports;
import io.consentledger.query.export.ContactWorkbook;
import io.consentledger.query.projection.Queries;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.Serializable;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The back office: a home page that searches and registers contacts, and the contact card with its legal-basis field.
 * The field opens a dialog (a native {@code <dialog>}; without JavaScript the link renders it open) with every purpose,
 * who recorded what when and from which source, the history newest first, and — for INTEGRATOR and ADMIN — the
 * actions: grant or withdraw consent, document or end another legal basis, send the confirmation email again, issue a
 * profile link. A refusal of the ledger comes back as its own readable message, a missing choice as a plain one.
 */
@Controller
@RolesAllowed({"ADMIN", "INTEGRATOR", "AUDITOR"})
class BackOfficeController {

    private static final int PAGE = 20;

    /** The register-a-contact form. */
    record RegisterForm(
            @NotBlank @ContactId String contactId,

            @NotBlank @Size(max = NAME_MAX) @SingleLine String name,

            @NotBlank @Size(max = EMAIL_MAX) @Email @SingleLine
            String email,

            @NotBlank @Slug String sourceId,

            @Size(max = DETAIL_MAX) @SingleLine String sourceDetail,

            @Pattern(regexp = "^(|en|da)$", message = "must be en or da")
            String locale) {

        static RegisterForm empty() {
            return new RegisterForm("", "", "", "", "", "");
        }
    }

    private final Queries queries;
    private final UiCommands commands;
    private final ContactExports exports;
    private final ContactWorkbook workbook;
    private final ProfileLinks links;
    private final LegalBasisLabels labels;
    private final HistoryTexts historyTexts;

    BackOfficeController(
            Queries queries,
            UiCommands commands,
            ContactExports exports,
            ContactWorkbook workbook,
            ProfileLinks links,
            LegalBasisLabels labels,
            HistoryTexts historyTexts) {
        this.queries = queries;
        this.commands = commands;
        this.exports = exports;
        this.workbook = workbook;
        this.links = links;
        this.labels = labels;
        this.historyTexts = historyTexts;
    }

    @PermitAll
    @GetMapping("/login")
    String login() {
        return "ui/login";
    }

    @GetMapping("/")
    String home(Authentication user, Model model) {
        return search("", 0, user, model);
    }

    /**
     * The contacts whose id, name or email contain the text. Posted, not put in the address: names and emails must
     * not land in browser histories, proxies and access logs.
     */
    @PostMapping("/search")
    String search(
            @RequestParam(defaultValue = "") String q,
            @RequestParam(defaultValue = "0") int page,
            Authentication user,
            Model model) {
        String text = q.strip();
        if (!FieldRules.isSingleLine(text)) {
            // Searched, not stored, but PostgreSQL refuses NUL in any text it is given.
            model.addAttribute("searchError", "Search for text on one line, without control characters.");
        } else if (!text.isEmpty()) {
            ContactSearchPage found = queries.fresh()
                    .one(new FindContacts(text, Math.max(page, 0), PAGE), ContactSearchPage.class)
                    .orElseThrow();
            model.addAttribute("found", found);
            model.addAttribute("pages", (found.totalElements() + PAGE - 1) / PAGE);
        }
        model.addAttribute("q", text);
        boolean canAct = UiModel.canAct(user);
        model.addAttribute("canAct", canAct);
        if (canAct) {
            if (!model.containsAttribute("registerForm")) {
                model.addAttribute("registerForm", RegisterForm.empty());
            }
            model.addAttribute("sources", queries.fresh().many(new FindSources(false), SourceView.class));
        }
        return "ui/home";
    }

    @RolesAllowed({"INTEGRATOR", "ADMIN"})
    @PostMapping("/contacts")
    String register(
            @Valid @ModelAttribute("registerForm") RegisterForm form,
            BindingResult errors,
            Authentication user,
            Model model,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return home(user, model);
        }
        Optional<String> refusal = commands.send(new RegisterContact(
                form.contactId().strip(),
                form.name().strip(),
                form.email().strip(),
                form.sourceId(),
                blankToNull(form.sourceDetail()),
                blankToNull(form.locale())));
        if (refusal.isPresent()) {
            errors.rejectValue("contactId", "refused", refusal.get());
            return home(user, model);
        }
        redirect.addFlashAttribute("done", "registered");
        return "redirect:" + card(form.contactId().strip(), false);
    }

    @GetMapping("/contacts/{contactId}")
    String contact(
            @PathVariable String contactId,
            @RequestParam(required = false) String panel,
            @RequestParam(defaultValue = "0") int historyPage,
            Authentication user,
            Locale locale,
            Model model) {
        Queries read = queries.fresh();
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
        Map<String, String> names = labels.labels(read, locale);
        model.addAttribute("labels", names);
        model.addAttribute("summary", labels.summary(basis.purposes(), names, locale));
        model.addAttribute("history", historyTexts.described(history, locale));
        model.addAttribute("historyPages", (history.totalElements() + PAGE - 1) / PAGE);
        model.addAttribute(
                "consentPurposes",
                purposes.stream()
                        .filter(purpose -> purpose.requiresConsent() || purpose.defaultLegalBasis() == null)
                        .toList());
        model.addAttribute(
                "documentPurposes",
                purposes.stream().filter(purpose -> !purpose.requiresConsent()).toList());
        model.addAttribute(
                "documentBases",
                Arrays.stream(LegalBasis.values())
                        .filter(code -> code != LegalBasis.CONSENT)
                        .toList());
        model.addAttribute("sources", sources);
        model.addAttribute("open", "legal-basis".equals(panel));
        model.addAttribute("canAct", UiModel.canAct(user) && contact.erasedAt() == null);
        model.addAttribute("granted", StandingStatus.GRANTED);
        model.addAttribute("consent", LegalBasis.CONSENT);
        return "ui/contact";
    }

    /** The data-subject workbook of the contact, in the user's language, for the card's "Export to Excel". */
    @GetMapping("/contacts/{contactId}/export.xlsx")
    ResponseEntity<byte[]> export(@PathVariable String contactId, Locale locale) throws IOException {
        ContactExport export = exports.export(queries.fresh(), contactId, locale)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        return ContactExportController.download(workbook, export, locale);
    }

    @RolesAllowed({"INTEGRATOR", "ADMIN"})
    @PostMapping("/contacts/{contactId}/consents")
    String grant(
            @PathVariable String contactId,
            @RequestParam(defaultValue = "") String purposeId,
            @RequestParam(defaultValue = "") String sourceId,
            @RequestParam(defaultValue = "") String sourceDetail,
            RedirectAttributes redirect) {
        Optional<String> refusal = missing(purposeId, sourceId)
                .or(() -> unknown(contactId, purposeId, sourceId))
                .or(() -> tooLong(sourceDetail, DETAIL_MAX))
                .or(() -> unstorable(sourceDetail, true))
                .or(() -> commands.send(new GrantConsent(
                        contactId, purposeId, sourceId, blankToNull(sourceDetail), null, null, null, null)));
        return after(contactId, refusal, "granted", redirect);
    }

    @RolesAllowed({"INTEGRATOR", "ADMIN"})
    @PostMapping("/contacts/{contactId}/consents/{purposeId}/withdrawal")
    String withdraw(
            @PathVariable String contactId,
            @PathVariable String purposeId,
            @RequestParam(defaultValue = "") String sourceId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        Optional<String> refusal = missing(purposeId, sourceId)
                .or(() -> unknown(contactId, purposeId, sourceId))
                .or(() -> tooLong(reason, REASON_MAX))
                .or(() -> unstorable(reason, false))
                .or(() -> commands.send(new WithdrawConsent(contactId, purposeId, sourceId, blankToNull(reason))));
        return after(contactId, refusal, "withdrawn", redirect);
    }

    @RolesAllowed({"INTEGRATOR", "ADMIN"})
    @PostMapping("/contacts/{contactId}/legal-bases")
    String document(
            @PathVariable String contactId,
            @RequestParam(defaultValue = "") String purposeId,
            @RequestParam(defaultValue = "") String legalBasis,
            @RequestParam(defaultValue = "") String sourceId,
            @RequestParam(defaultValue = "") String note,
            RedirectAttributes redirect) {
        Optional<LegalBasis> basis = Arrays.stream(LegalBasis.values())
                .filter(code -> code != LegalBasis.CONSENT && code.name().equals(legalBasis))
                .findFirst();
        Optional<String> refusal = missing(purposeId, sourceId)
                .or(() -> basis.isEmpty() ? Optional.of("Choose a legal basis other than consent.") : Optional.empty())
                .or(() -> unknown(contactId, purposeId, sourceId))
                .or(() -> tooLong(note, DESCRIPTION_MAX))
                .or(() -> unstorable(note, false))
                .or(() -> commands.send(new DocumentLegalBasis(
                        contactId, purposeId, basis.orElseThrow(), sourceId, blankToNull(note))));
        return after(contactId, refusal, "documented", redirect);
    }

    @RolesAllowed({"INTEGRATOR", "ADMIN"})
    @PostMapping("/contacts/{contactId}/legal-bases/{purposeId}/end")
    String end(
            @PathVariable String contactId,
            @PathVariable String purposeId,
            @RequestParam(defaultValue = "") String reason,
            RedirectAttributes redirect) {
        Optional<String> refusal = unknown(contactId, purposeId)
                .or(() -> tooLong(reason, REASON_MAX))
                .or(() -> unstorable(reason, false))
                .or(() -> commands.send(new EndLegalBasis(contactId, purposeId, blankToNull(reason))));
        return after(contactId, refusal, "ended", redirect);
    }

    @RolesAllowed({"INTEGRATOR", "ADMIN"})
    @PostMapping("/contacts/{contactId}/confirmation-email")
    String resend(@PathVariable String contactId, RedirectAttributes redirect) {
        return after(contactId, commands.send(new RequestConfirmationEmail(contactId)), "resent", redirect);
    }

    /** A fresh link to the contact's profile page, shown once on the card to be copied and handed over. */
    @RolesAllowed({"INTEGRATOR", "ADMIN"})
    @PostMapping("/contacts/{contactId}/profile-link")
    String profileLink(@PathVariable String contactId, Authentication user, RedirectAttributes redirect) {
        queries.fresh()
                .one(new FindContact(contactId), ContactDetails.class)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        ProfileLink link = links.issue(contactId, user.getName(), Role.codesOf(user));
        redirect.addFlashAttribute("profileLink", new IssuedLink(link.url(), link.expiresAt()));
        return after(contactId, Optional.empty(), "link", redirect);
    }

    /** A link just issued, as the card shows it once; kept in the session (shared by every node) until then. */
    record IssuedLink(String url, Instant expiresAt) implements Serializable {}

    private static Optional<String> missing(String purposeId, String sourceId) {
        if (purposeId.isBlank()) {
            return Optional.of("Choose a purpose.");
        }
        if (sourceId.isBlank()) {
            return Optional.of("Choose a source.");
        }
        return Optional.empty();
    }

    /** Ids that cannot name anything (the forms offer only real ones): refused before the ledger is asked. */
    private static Optional<String> unknown(String contactId, String... slugs) {
        boolean wellFormed =
                contactId.matches(CONTACT_ID) && Arrays.stream(slugs).allMatch(slug -> slug.matches(SLUG));
        return wellFormed ? Optional.empty() : Optional.of("Choose a purpose and a source from the lists.");
    }

    /** Text the ledger could not store and give back exactly (control characters and the like). */
    static Optional<String> unstorable(String text, boolean singleLine) {
        boolean storable = singleLine ? FieldRules.isSingleLine(text) : FieldRules.isFreeText(text);
        return storable
                ? Optional.empty()
                : Optional.of("The text " + (singleLine ? FieldRules.SINGLE_LINE_MESSAGE : FieldRules.FREE_TEXT_MESSAGE)
                        + ".");
    }

    private static Optional<String> tooLong(String text, int max) {
        return text.strip().length() > max
                ? Optional.of("The text is longer than %d characters.".formatted(max))
                : Optional.empty();
    }

    private static String after(String contactId, Optional<String> refusal, String done, RedirectAttributes redirect) {
        if (refusal.isPresent()) {
            redirect.addFlashAttribute("error", refusal.get());
        } else {
            redirect.addFlashAttribute("done", done);
        }
        return "redirect:" + card(contactId, true);
    }

    private static String card(String contactId, boolean open) {
        UriComponentsBuilder uri = UriComponentsBuilder.fromPath("/contacts/{id}");
        if (open) {
            uri.queryParam("panel", "legal-basis");
        }
        return uri.buildAndExpand(contactId).encode().toUriString();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
