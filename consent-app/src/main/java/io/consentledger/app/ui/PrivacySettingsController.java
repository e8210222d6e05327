package io.consentledger.app.ui;

import static io.consentledger.api.FieldRules.DESCRIPTION_MAX;
import static io.consentledger.api.FieldRules.NAME_MAX;
import static io.consentledger.api.FieldRules.SLUG;
import static io.consentledger.api.FieldRules.SLUG_MESSAGE;

import io.consentledger.api.purpose.DefinePurpose;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeTerms;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.api.purpose.RetirePurpose;
import io.consentledger.api.source.DefineSource;
import io.consentledger.api.source.FindSources;
import io.consentledger.api.source.RetireSource;
import io.consentledger.api.source.SourceView;
import io.consentledger.query.catalog.CatalogProjection;
import io.consentledger.query.web.Queries;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The "Privacy" settings (ADMIN): purposes and sources, defined and retired here; validation messages appear next to
 * the field they are about.
 */
@Controller
@RequestMapping("/settings")
class PrivacySettingsController {

    private final Queries queries;
    private final UiCommands commands;

    PrivacySettingsController(Queries queries, UiCommands commands) {
        this.queries = queries;
        this.commands = commands;
    }

    /** The define-purpose form. */
    record PurposeForm(
            @NotBlank @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
            String purposeId,

            @NotBlank @Size(max = NAME_MAX) String name,
            @Size(max = DESCRIPTION_MAX) String description,
            @Size(max = 10_000) String consentText,
            boolean requiresConsent,
            boolean doubleOptIn,

            @Pattern(regexp = "^(P[0-9YMWD]+)?$", message = "must be an ISO-8601 period such as P2Y")
            String retention) {

        static PurposeForm empty() {
            return new PurposeForm("", "", "", "", true, false, "P2Y");
        }
    }

    /** The define-source form. */
    record SourceForm(
            @NotBlank @Pattern(regexp = SLUG, message = SLUG_MESSAGE)
            String sourceId,

            @NotBlank @Size(max = NAME_MAX) String name,
            @Size(max = DESCRIPTION_MAX) String description,
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
        Queries read = queries.after(true, CatalogProjection.PROCESSING_GROUP);
        model.addAttribute("purposes", read.many(new FindPurposes(true), PurposeView.class));
        model.addAttribute("sources", read.many(new FindSources(true), SourceView.class));
        return "ui/settings";
    }

    @PostMapping("/purposes")
    String definePurpose(
            @Valid @ModelAttribute("purposeForm") PurposeForm form,
            BindingResult errors,
            Model model,
            RedirectAttributes redirect) {
        Period retention = null;
        if (!errors.hasFieldErrors("retention")
                && form.retention() != null
                && !form.retention().isBlank()) {
            try {
                retention = Period.parse(form.retention());
            } catch (DateTimeParseException e) {
                errors.rejectValue("retention", "period", "must be an ISO-8601 period such as P2Y");
            }
        }
        if (errors.hasErrors()) {
            return settings(model);
        }
        Optional<String> refusal = commands.send(new DefinePurpose(
                form.purposeId(),
                new PurposeTerms(
                        form.name(),
                        blankToNull(form.description()),
                        blankToNull(form.consentText()),
                        null,
                        form.requiresConsent(),
                        form.doubleOptIn(),
                        false,
                        null,
                        retention)));
        if (refusal.isPresent()) {
            errors.rejectValue("purposeId", "refused", refusal.get());
            return settings(model);
        }
        redirect.addFlashAttribute("done", "purpose-defined");
        return "redirect:/settings";
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
}
