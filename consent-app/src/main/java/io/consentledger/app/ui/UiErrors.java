package io.consentledger.app.ui;

import io.consentledger.api.Rejection;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What a person sees when a back-office page finds nothing or the ledger refuses a request outside a form: a page in
 * the back office's own look, with the status code, never a problem document or a stack trace.
 */
@ControllerAdvice(basePackageClasses = UiModel.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class UiErrors {

    @ExceptionHandler(ResponseStatusException.class)
    ModelAndView notFound(ResponseStatusException e) {
        ModelAndView page = new ModelAndView("error/404");
        page.setStatus(HttpStatus.valueOf(e.getStatusCode().value()));
        return page;
    }

    /**
     * A parameter of a page's address that is not what the page takes (a hand-edited {@code historyPage=x}), or a form
     * without the file it uploads.
     */
    @ExceptionHandler({
        MethodArgumentTypeMismatchException.class,
        MissingServletRequestParameterException.class,
        HandlerMethodValidationException.class,
        MultipartException.class,
        MissingServletRequestPartException.class
    })
    ModelAndView badParameter(Exception e) {
        ModelAndView page = new ModelAndView("error");
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

    @ExceptionHandler(Rejection.class)
    ModelAndView refused(Rejection e) {
        ModelAndView page = new ModelAndView("error/refused");
        page.addObject("reason", e.getMessage());
        page.setStatus(HttpStatus.valueOf(e.kind().status()));
        return page;
    }
}
