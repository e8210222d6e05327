package io.consentledger.app.ui;

import static io.consentledger.api.FieldRules.CONSENT_TEXT_MAX;
import static io.consentledger.api.FieldRules.DESCRIPTION_MAX;
import static io.consentledger.api.FieldRules.HTTP_URL_MESSAGE;
import static io.consentledger.api.FieldRules.NAME_MAX;
import static io.consentledger.api.FieldRules.PERIOD_MESSAGE;
import static io.consentledger.api.FieldRules.URL_MAX;

import io.consentledger.api.FieldRules;
import io.consentledger.api.FreeText;
import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.FindLegalBases;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisTerms;
import io.consentledger.api.consent.NameLegalBasis;
import io.consentledger.api.purpose.DefinePurpose;
import io.consentledger.api.purpose.FindPurposeVersions;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.api.purpose.PurposeVersion;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.api.purpose.RetirePurpose;
import io.consentledger.api.purpose.RevisePurpose;
import io.consentledger.api.source.DefineSource;
import io.consentledger.api.source.FindSources;
import io.consentledger.api.source.RetireSource;
import io.consentledger.api.source.SourceView;
import io.consentledger.query.projection.Queries;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.groups.Default;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The "Privacy" settings (ADMIN): purposes (defined, revised with their version history, retired), sources (defined,
 * retired) and the names of the legal bases. Validation messages appear next to the field they are about.
 */
@Controller
@RolesAllowed("ADMIN")
@RequestMapping("/settings")
class PrivacySettingsController {

    /** A form post the binder could not even make a form of (a crafted one, without the checkboxes' markers). */
    private static final String UNREADABLE = "The form could not be read; nothing was changed.";

    private final Queries queries;
    private final UiCommands commands;

    PrivacySettingsController(Queries queries, UiCommands commands) {
        this.queries = queries;
        this.commands = commands;
    }

    /** The define-purpose and revise-purpose form: every term of a purpose ({@code purposeId} only to define). */
    record PurposeForm(
            @NotBlank(groups = Definition.class) @Slug(groups = Definition.class)
            String purposeId,

            @NotBlank @Size(max = NAME_MAX) @SingleLine String name,

            @Size(max = DESCRIPTION_MAX) @FreeText String description,

            @Size(max = CONSENT_TEXT_MAX) @FreeText String consentText,

            @Size(max = URL_MAX) @Pattern(regexp = "^(https?://\\S+)?$", message = HTTP_URL_MESSAGE)
            String privacyNoticeUrl,

            boolean requiresConsent,
            boolean doubleOptIn,
            boolean sendConfirmation,
            String defaultLegalBasis,

            @Pattern(regexp = "^(P[0-9YMWD]+)?$", message = PERIOD_MESSAGE)
            String retention) {

        /** The checks that apply only when a purpose is defined. */
        interface Definition {}

        static PurposeForm empty() {
            return new PurposeForm("", "", "", "", "", true, false, false, "", "P2Y");
        }

        static PurposeForm of(PurposeView purpose) {
            return new PurposeForm(
                    purpose.purposeId(),
                    purpose.name(),
                    nullToBlank(purpose.description()),
                    nullToBlank(purpose.consentText()),
                    nullToBlank(purpose.privacyNoticeUrl()),
                    purpose.requiresConsent(),
                    purpose.doubleOptIn(),
                    purpose.sendConfirmation(),
                    purpose.defaultLegalBasis() == null
                            ? ""
                            : purpose.defaultLegalBasis().name(),
                    purpose.retention() == null ? "" : purpose.retention().toString());
        }
    }

    /** The define-source form. */
    record SourceForm(
            @NotBlank @Slug String sourceId,

            @NotBlank @Size(max = NAME_MAX) @SingleLine String name,

            @Size(max = DESCRIPTION_MAX) @FreeText String description,

            boolean sendConfirmation) {

        static SourceForm empty() {
            return new SourceForm("", "", "", false);
        }
    }

    @GetMapping
    String settings(Model model) {
        if (!model.containsAttribute("purposeForm")) {
            model.addAttribute("purposeForm", PurposeForm.empty());
        }
        if (!model.containsAttribute("sourceForm")) {
            model.addAttribute("sourceForm", SourceForm.empty());
        }
        Queries read = queries.fresh();
        model.addAttribute("purposes", read.many(new FindPurposes(true), PurposeView.class));
        model.addAttribute("sources", read.many(new FindSources(true), SourceView.class));
        model.addAttribute("legalBases", read.many(new FindLegalBases(), LegalBasisTerms.class));
        model.addAttribute("basisCodes", LegalBasis.values());
        return "ui/settings";
    }

    @PostMapping("/purposes")
    String definePurpose(
            @Validated({Default.class, PurposeForm.Definition.class}) @ModelAttribute("purposeForm") PurposeForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (errors.getTarget() == null) {
            return after(Optional.of(UNREADABLE), "", redirect);
        }
        Optional<PurposeTerms> terms = terms(form, errors);
        if (terms.isEmpty()) {
            return settings(model);
        }
        Optional<String> refusal = commands.send(new DefinePurpose(form.purposeId(), terms.get()));
        if (refusal.isPresent()) {
            errors.rejectValue("purposeId", "refused", refusal.get());
            return settings(model);
        }
        redirect.addFlashAttribute("done", "purpose-defined");
        return "redirect:/settings";
    }

    /** One purpose: its current terms in the revise form, and every version it has had. */
    @GetMapping("/purposes/{purposeId}")
    String purpose(@PathVariable String purposeId, Model model) {
        Queries read = queries.fresh();
        PurposeView purpose = read.many(new FindPurposes(true), PurposeView.class).stream()
                .filter(candidate -> candidate.purposeId().equals(purposeId))
                .findFirst()
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        List<PurposeVersion> versions = read.many(new FindPurposeVersions(purposeId), PurposeVersion.class);
        model.addAttribute("purpose", purpose);
        List<PurposeVersion> newestFirst = new ArrayList<>(versions);
        Collections.reverse(newestFirst);
        model.addAttribute("versions", newestFirst);
        model.addAttribute("basisCodes", LegalBasis.values());
        if (!model.containsAttribute("purposeForm")) {
            model.addAttribute("purposeForm", PurposeForm.of(purpose));
        }
        return "ui/purpose";
    }

    @PostMapping("/purposes/{purposeId}")
    String revisePurpose(
            @PathVariable String purposeId,
            @Valid @ModelAttribute("purposeForm") PurposeForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (errors.getTarget() == null) {
            return after(Optional.of(UNREADABLE), "", redirect);
        }
        Optional<PurposeTerms> terms = terms(form, errors);
        if (terms.isEmpty()) {
            return purpose(purposeId, model);
        }
        Optional<String> refusal = commands.send(new RevisePurpose(purposeId, terms.get()));
        if (refusal.isPresent()) {
            errors.reject("refused", refusal.get());
            return purpose(purposeId, model);
        }
        redirect.addFlashAttribute("done", "purpose-revised");
        return "redirect:"
                + UriComponentsBuilder.fromPath("/settings/purposes/{id}")
                        .buildAndExpand(purposeId)
                        .encode()
                        .toUriString();
    }

    @PostMapping("/purposes/{purposeId}/retire")
    String retirePurpose(@PathVariable String purposeId, RedirectAttributes redirect) {
        return after(commands.send(new RetirePurpose(purposeId, null)), "purpose-retired", redirect);
    }

    @PostMapping("/sources")
    String defineSource(
            @Valid @ModelAttribute("sourceForm") SourceForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        if (errors.getTarget() == null) {
            return after(Optional.of(UNREADABLE), "", redirect);
        }
        if (errors.hasErrors()) {
            return settings(model);
        }
        Optional<String> refusal = commands.send(new DefineSource(
                form.sourceId(), form.name(), blankToNull(form.description()), form.sendConfirmation(), null));
        if (refusal.isPresent()) {
            errors.rejectValue("sourceId", "refused", refusal.get());
            return settings(model);
        }
        redirect.addFlashAttribute("done", "source-defined");
        return "redirect:/settings";
    }

    @PostMapping("/sources/{sourceId}/retire")
    String retireSource(@PathVariable String sourceId, RedirectAttributes redirect) {
        return after(commands.send(new RetireSource(sourceId)), "source-retired", redirect);
    }

    @PostMapping("/legal-bases/{code}")
    String nameLegalBasis(
            @PathVariable String code, @RequestParam(defaultValue = "") String name, RedirectAttributes redirect) {
        Optional<LegalBasis> basis = Arrays.stream(LegalBasis.values())
                .filter(candidate -> candidate.name().equals(code))
                .findFirst();
        if (basis.isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        Optional<String> refusal = BackOfficeController.unstorable(name, true)
                .or(() -> commands.send(new NameLegalBasis(basis.get(), name)));
        if (refusal.isPresent()) {
            redirect.addFlashAttribute("nameError", code);
            redirect.addFlashAttribute("nameErrorText", "Name " + refusal.get());
            redirect.addFlashAttribute("nameTyped", name);
            return "redirect:/settings#basis-" + code;
        }
        redirect.addFlashAttribute("done", "legal-basis-named");
        return "redirect:/settings";
    }

    /** The terms of the form, or empty with the reasons next to the fields. */
    private static Optional<PurposeTerms> terms(PurposeForm form, BindingResult errors) {
        Period retention = null;
        if (!errors.hasFieldErrors("retention")
                && form.retention() != null
                && !form.retention().isBlank()) {
            try {
                retention = Period.parse(form.retention());
                if (FieldRules.periodProblem(retention).isPresent()) {
                    errors.rejectValue("retention", "period", PERIOD_MESSAGE);
                }
            } catch (DateTimeParseException e) {
                errors.rejectValue("retention", "period", PERIOD_MESSAGE);
            }
        }
        LegalBasis defaultBasis = null;
        if (form.defaultLegalBasis() != null && !form.defaultLegalBasis().isBlank()) {
            defaultBasis = Arrays.stream(LegalBasis.values())
                    .filter(code -> code.name().equals(form.defaultLegalBasis()))
                    .findFirst()
                    .orElse(null);
            if (defaultBasis == null) {
                errors.rejectValue("defaultLegalBasis", "basis", "must be one of the six legal bases");
            }
        }
        if (errors.hasErrors()) {
            return Optional.empty();
        }
        return Optional.of(new PurposeTerms(
                form.name().strip(),
                blankToNull(form.description()),
                blankToNull(form.consentText()),
                blankToNull(form.privacyNoticeUrl()),
                form.requiresConsent(),
                form.doubleOptIn(),
                form.sendConfirmation(),
                defaultBasis,
                retention));
    }

    private static String after(Optional<String> refusal, String done, RedirectAttributes redirect) {
        if (refusal.isPresent()) {
            redirect.addFlashAttribute("error", refusal.get());
        } else {
            redirect.addFlashAttribute("done", done);
        }
        return "redirect:/settings";
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String nullToBlank(String text) {
        return text == null ? "" : text;
    }
}
