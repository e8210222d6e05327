package io.consentledger.app.profile;

import io.consentledger.api.consent.ConfirmConsent;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.consent.PurposeStanding;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.purpose.FindPurposes;
import io.consentledger.api.purpose.PurposeView;
import io.consentledger.command.profile.ConfirmationLink;
import io.consentledger.command.profile.InvalidProfileLink;
import io.consentledger.command.profile.LinkIssuer;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.query.projection.Queries;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The page behind the link of a double opt-in email. A GET only shows the consent and a button, because mail scanners
 * open links on their own; the person's POST (with CSRF protection) confirms it, with the data subject as actor and
 * channel {@code self-service}.
 */
@Controller
@RequestMapping("/privacy/confirm/{token}")
class ConfirmationPageController {

    /** Where the consent behind the link stands: the page offers the button only while it waits. */
    enum State {
        WAITING,
        CONFIRMED,
        GONE
    }

    private final ProfileLinks links;
    private final Queries queries;
    private final SelfService selfService;

    ConfirmationPageController(ProfileLinks links, Queries queries, SelfService selfService) {
        this.links = links;
        this.queries = queries;
        this.selfService = selfService;
    }

    @GetMapping
    String show(
            @PathVariable String token,
            @RequestParam(required = false) String done,
            Model model,
            HttpServletResponse response) {
        ConfirmationLink link = links.openConfirmation(token);
        SelfService.noReferrerNoCache(response);
        Queries read = queries.fresh();
        LegalBasisView basis = read.one(new FindLegalBasis(link.contactId()), LegalBasisView.class)
                .orElseThrow(InvalidProfileLink::new);
        PurposeView purpose = read.many(new FindPurposes(true), PurposeView.class).stream()
                .filter(candidate -> candidate.purposeId().equals(link.purposeId()))
                .findFirst()
                .orElseThrow(InvalidProfileLink::new);
        StandingStatus status = basis.purposes().stream()
                .filter(entry -> entry.purposeId().equals(link.purposeId()))
                .map(PurposeStanding::status)
                .findFirst()
                .orElse(StandingStatus.NOT_RECORDED);
        State state = switch (status) {
            case PENDING_CONFIRMATION -> "unchanged".equals(done) ? State.GONE : State.WAITING;
            case GRANTED -> State.CONFIRMED;
            default -> State.GONE;
        };
        if (state == State.GONE) {
            response.setStatus(HttpStatus.GONE.value());
        }
        model.addAttribute("token", token);
        model.addAttribute("purpose", purpose);
        model.addAttribute("state", state);
        model.addAttribute("done", done);
        model.addAttribute(
                "profileUrl",
                "/privacy/profile/" + links.create(link.contactId()).token());
        return "privacy/confirm";
    }

    @PostMapping
    String confirm(@PathVariable String token) {
        ConfirmationLink link = links.openConfirmation(token);
        boolean confirmed =
                // Confirmation links are only ever emailed to the person's own mailbox.
                selfService.send(
                        new ConfirmConsent(link.contactId(), link.purposeId(), link.confirmationId()),
                        LinkIssuer.MAILBOX);
        return "redirect:/privacy/confirm/" + token + "?done=" + (confirmed ? "confirmed" : "unchanged");
    }
}
