package io.consentledger.app.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * The error page of errors that happen outside a controller (the servlet container refusing a body it cannot read,
 * a filter refusing parameters, an exception in a filter): an RFC 9457 problem for the API and for every client that
 * does not ask for HTML, and the back office's error pages for browsers elsewhere. Replaces Spring Boot's error body.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
class ProblemErrorController extends BasicErrorController {

    private final ProblemResponses problems;

    ProblemErrorController(
            ErrorAttributes errorAttributes,
            ServerProperties server,
            ObjectProvider<ErrorViewResolver> errorViewResolvers,
            ProblemResponses problems) {
        super(
                errorAttributes,
                server.getError(),
                errorViewResolvers.orderedStream().toList());
        this.problems = problems;
    }

    @Override
    @RequestMapping(produces = MediaType.TEXT_HTML_VALUE)
    public ModelAndView errorHtml(HttpServletRequest request, HttpServletResponse response) {
        if (!isApi(request)) {
            return super.errorHtml(request, response);
        }
        HttpStatus status = getStatus(request);
        try {
            problems.write(response, status, type(status), detail(status), instance(request));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return null;
    }

    @Override
    @RequestMapping
    public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        HttpStatus status = getStatus(request);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", type(status).toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail(status));
        URI instance = instance(request);
        if (instance != null) {
            problem.put("instance", instance.toString());
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static boolean isApi(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return uri instanceof String path && path.startsWith("/api/");
    }

    private static URI instance(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ProblemTypes.instance(uri instanceof String path ? path : null);
    }

    /** A 400 that reaches this page was given before any controller: the request itself could not be read. */
    private static URI type(HttpStatus status) {
        return status == HttpStatus.BAD_REQUEST
                ? ProblemTypes.MALFORMED_REQUEST
                : ProblemTypes.forStatus(status.value());
    }

    private static String detail(HttpStatus status) {
        if (status == HttpStatus.BAD_REQUEST) {
            return "The request cannot be read: its path, parameters, headers or body are malformed.";
        }
        if (status == HttpStatus.NOT_FOUND) {
            return "There is nothing at this path.";
        }
        if (status.is5xxServerError()) {
            return "Something went wrong on our side. Try again later.";
        }
        return "The request was refused: " + status.getReasonPhrase() + ".";
    }
}
