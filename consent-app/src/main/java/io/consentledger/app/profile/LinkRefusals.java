package io.consentledger.app.profile;

import io.consentledger.command.profile.ExpiredProfileLink;
import io.consentledger.command.profile.InvalidProfileLink;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * The friendly refusal page of the pages behind emailed links: 403 for a link that is not genuine, 410 for one that
 * has expired. It never says whose link it was.
 */
@ControllerAdvice(assignableTypes = {ProfilePageController.class, ConfirmationPageController.class})
class LinkRefusals {

    @ExceptionHandler(InvalidProfileLink.class)
    String invalid(Model model, HttpServletResponse response) {
        return refused(model, response, HttpStatus.FORBIDDEN, "invalid");
    }

    @ExceptionHandler(ExpiredProfileLink.class)
    String expired(HttpServletRequest request, Model model, HttpServletResponse response) {
        boolean confirmation = request.getRequestURI().startsWith("/privacy/confirm/");
        return refused(model, response, HttpStatus.GONE, confirmation ? "confirmation-expired" : "expired");
    }

    static String refused(Model model, HttpServletResponse response, HttpStatus status, String reason) {
        SelfService.noReferrerNoCache(response);
        response.setStatus(status.value());
        model.addAttribute("reason", reason);
        return "privacy/refused";
    }
}
