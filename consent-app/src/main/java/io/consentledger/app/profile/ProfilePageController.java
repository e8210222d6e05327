package io.consentledger.app.profile;

import io.consentledger.api.consent.EndLegalBasis;
import io.consentledger.api.consent.Evidence;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.GrantConsent;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.consent.WithdrawConsent;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.EraseContact;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.app.security.Role;
import io.consentledger.command.contact.ErasureJournal;
import io.consentledger.command.profile.InvalidProfileLink;
import io.consentledger.command.profile.LinkIssuer;
import io.consentledger.command.profile.ProfileLink;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.query.projection.Queries;
import jakarta.servlet.http.HttpServletResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The profile page behind a link from the confirmation email. A GET only shows; every change is a POST (with CSRF
 * protection) that sends a command with the data subject as actor, channel {@code self-service} and source
 * {@code profile-page}, then shows the page again.
 */
@Controller
@RequestMapping("/privacy/profile/{token}")
class ProfilePageController {

    private final ProfileLinks links;
    private final Queries queries;
    private final SelfService selfService;
    private final ErasureJournal journal;

    ProfilePageController(ProfileLinks links, Queries queries, SelfService selfService, ErasureJournal journal) {
        this.links = links;
        this.queries = queries;
        this.selfService = selfService;
        this.journal = journal;
    }

    /** One purpose as the page shows it, with the controls that apply. */
    record Row(
            String purposeId,
            String name,
            String description,
            String consentText,
            LegalBasis legalBasis,
            StandingStatus status,
            LocalDateTime since,
            String sourceId,
            boolean canGive,
            LocalDateTime confirmUntil,
            boolean canWithdraw,
            boolean canObject) {}

    @GetMapping
    String show(
            @PathVariable String token,
            @RequestParam(required = false) String done,
            Model model,
            HttpServletResponse response) {
        ProfileLink link = links.open(token);
        SelfService.noReferrerNoCache(response);
        Queries read = queries.fresh();
        ContactDetails contact = read.one(new FindContact(link.contactId()), ContactDetails.class)
                .orElseThrow(InvalidProfileLink::new);
        if (contact.erasedAt() != null) {
            return LinkRefusals.refused(model, response, HttpStatus.GONE, "erased");
        }
        LegalBasisView basis = read.one(new FindLegalBasis(link.contactId()), LegalBasisView.class)
                .orElseThrow(InvalidProfileLink::new);
        Map<String, PurposeView> purposes = read.many(new FindPurposes(false), PurposeView.class).stream()
                .collect(Collectors.toMap(PurposeView::purposeId, Function.identity()));
        List<Row> rows = basis.purposes().stream()
                .filter(entry -> purposes.containsKey(entry.purposeId()))
                .map(entry -> row(entry, purposes.get(entry.purposeId())))
                .toList();
        model.addAttribute("token", token);
        model.addAttribute("contact", contact);
        model.addAttribute("rows", rows);
        model.addAttribute("expiresOn", LocalDate.ofInstant(link.expiresAt(), ZoneOffset.UTC));
        model.addAttribute("canErase", mayErase(link.issuer()));
        model.addAttribute("done", done);
        return "privacy/profile";
    }

    @PostMapping("/purposes/{purposeId}/consent")
    String give(@PathVariable String token, @PathVariable String purposeId) {
        ProfileLink link = links.open(token);
        PurposeView purpose = queries.many(new FindPurposes(false), PurposeView.class).stream()
                .filter(candidate -> candidate.purposeId().equals(purposeId))
                .findFirst()
                .orElse(null);
        String shown = purpose == null ? null : purpose.consentText();
        // Whether the consent counts at once or waits for the person's confirmation (double opt-in) is the ledger's
        // decision; the page tells which.
        Optional<StandingStatus> status = selfService.grant(
                new GrantConsent(
                        link.contactId(),
                        purposeId,
                        SelfService.SOURCE,
                        null,
                        null,
                        null,
                        shown == null ? null : new Evidence(shown, null, null, null, null),
                        null),
                link.issuer());
        return "redirect:/privacy/profile/" + link.token() + "?done="
                + status.map(granted -> granted == StandingStatus.PENDING_CONFIRMATION ? "pending" : "given")
                        .orElse("unchanged");
    }

    @PostMapping("/purposes/{purposeId}/withdrawal")
    String withdraw(@PathVariable String token, @PathVariable String purposeId) {
        ProfileLink link = links.open(token);
        return change(
                link,
                "withdrawn",
                new WithdrawConsent(
                        link.contactId(),
                        purposeId,
                        SelfService.SOURCE,
                        "Withdrawn by the person on their profile page"));
    }

    /**
     * Art. 17 from the person's own page: only with the box ticked that says it cannot be undone, and only through a
     * link that may erase (see {@link #mayErase}); through any other nothing is recorded.
     */
    @PostMapping("/erasure")
    String erase(
            @PathVariable String token,
            @RequestParam(required = false) String understood,
            Model model,
            HttpServletResponse response) {
        ProfileLink link = links.open(token);
        if (!mayErase(link.issuer())) {
            return LinkRefusals.refused(model, response, HttpStatus.FORBIDDEN, "erasure-not-allowed");
        }
        if (!"yes".equals(understood)) {
            return "redirect:/privacy/profile/" + token + "?done=unconfirmed";
        }
        boolean erased = selfService.send(new EraseContact(link.contactId()), link.issuer());
        if (erased) {
            journal.recordErased(link.contactId());
        }
        return "redirect:/privacy/profile/" + token + "?done=" + (erased ? "erased" : "unchanged");
    }

    /**
     * Erasure cannot be undone, so a link may erase only when it reached the person at their own mailbox or an ADMIN
     * issued it; a link an INTEGRATOR issued, or one of unknown origin (sealed before links named their issuer, so it
     * may have been issued by anyone), may not.
     */
    static boolean mayErase(LinkIssuer issuer) {
        return issuer.kind() == LinkIssuer.Kind.MAILBOX || issuer.hadRole(Role.ADMIN.name());
    }

    @PostMapping("/purposes/{purposeId}/objection")
    String object(@PathVariable String token, @PathVariable String purposeId) {
        ProfileLink link = links.open(token);
        return change(
                link,
                "objected",
                new EndLegalBasis(
                        link.contactId(), purposeId, "Objection by the person on their profile page (Art. 21)"));
    }

    private String change(ProfileLink link, String done, Object command) {
        return "redirect:/privacy/profile/" + link.token() + "?done="
                + (selfService.send(command, link.issuer()) ? done : "unchanged");
    }

    private static Row row(PurposeStanding entry, PurposeView purpose) {
        boolean inForce = entry.status() == StandingStatus.GRANTED;
        boolean pending = entry.status() == StandingStatus.PENDING_CONFIRMATION;
        boolean consent = entry.legalBasis() == LegalBasis.CONSENT;
        return new Row(
                purpose.purposeId(),
                purpose.name(),
                purpose.description(),
                purpose.consentText(),
                entry.legalBasis(),
                entry.status(),
                entry.since() == null ? null : LocalDateTime.ofInstant(entry.since(), ZoneOffset.UTC),
                entry.sourceId(),
                purpose.requiresConsent() && !(inForce && consent),
                entry.confirmationLapsesAt() == null
                        ? null
                        : LocalDateTime.ofInstant(entry.confirmationLapsesAt(), ZoneOffset.UTC),
                (inForce && consent) || pending,
                inForce && !consent && entry.legalBasis() == LegalBasis.LEGITIMATE_INTERESTS);
    }
}
