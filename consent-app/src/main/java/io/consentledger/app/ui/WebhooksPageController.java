package io.consentledger.app.ui;

import io.consentledger.api.FieldRules;
import io.consentledger.api.Rejection;
import io.consentledger.api.SingleLine;
import io.consentledger.api.consent.Change;
import io.consentledger.app.webhook.Webhook;
import io.consentledger.app.webhook.Webhooks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.core.Authentication;
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
 * Webhook subscribers for admins: each one's state (and why it is paused), lag, failures and last delivery; a form to
 * register one, whose answer shows the secret once (rendered, never kept in the session); pause, resume, delete.
 */
@Controller
@RolesAllowed("ADMIN")
@RequestMapping("/webhooks")
class WebhooksPageController {

    private final Webhooks webhooks;

    WebhooksPageController(Webhooks webhooks) {
        this.webhooks = webhooks;
    }

    /** The register form: purposes as text, separated by commas or spaces. */
    record WebhookForm(
            @NotBlank @Size(max = 2000) String url,
            @Size(max = 500) @SingleLine String description,
            List<Change> changes,
            @Size(max = 2000) String purposes,
            String from) {

        static WebhookForm empty() {
            return new WebhookForm("", "", List.of(), "", "now");
        }

        List<String> purposeIds() {
            return purposes == null || purposes.isBlank()
                    ? List.of()
                    : Arrays.stream(purposes.trim().split("[,\\s]+")).toList();
        }
    }

    @GetMapping
    String list(Model model) {
        return page(model, WebhookForm.empty());
    }

    @PostMapping
    String register(
            @Valid @ModelAttribute("webhookForm") WebhookForm form,
            BindingResult errors,
            Model model,
            Authentication authentication) {
        if (errors.hasErrors()) {
            return page(model, form);
        }
        List<String> purposes = form.purposeIds();
        if (purposes.size() > 100 || !purposes.stream().allMatch(id -> id.matches(FieldRules.SLUG))) {
            errors.rejectValue("purposes", "slug", FieldRules.SLUG_MESSAGE);
            return page(model, form);
        }
        try {
            Webhook registered = webhooks.register(
                    form.url().trim(),
                    form.description() == null || form.description().isBlank() ? null : form.description(),
                    form.changes(),
                    purposes,
                    form.from() == null || form.from().isBlank() ? "now" : form.from(),
                    authentication.getName());
            model.addAttribute("registered", webhooks.revealed(registered));
            return page(model, WebhookForm.empty());
        } catch (Rejection refused) {
            model.addAttribute("error", refused.getMessage());
            return page(model, form);
        }
    }

    @PostMapping("/{webhookId}/pause")
    String pause(@PathVariable String webhookId, RedirectAttributes redirect) {
        webhooks.pause(webhookId);
        redirect.addFlashAttribute("done", "paused");
        return "redirect:/webhooks";
    }

    @PostMapping("/{webhookId}/resume")
    String resume(@PathVariable String webhookId, RedirectAttributes redirect) {
        webhooks.resume(webhookId);
        redirect.addFlashAttribute("done", "resumed");
        return "redirect:/webhooks";
    }

    @PostMapping("/{webhookId}/delete")
    String delete(@PathVariable String webhookId, RedirectAttributes redirect) {
        webhooks.delete(webhookId);
        redirect.addFlashAttribute("done", "deleted");
        return "redirect:/webhooks";
    }

    private String page(Model model, WebhookForm form) {
        model.addAttribute("webhooks", webhooks.list());
        if (!model.containsAttribute("webhookForm") || model.getAttribute("registered") != null) {
            model.addAttribute("webhookForm", form);
        }
        model.addAttribute("changeCodes", Change.values());
        return "ui/webhooks";
    }
}
