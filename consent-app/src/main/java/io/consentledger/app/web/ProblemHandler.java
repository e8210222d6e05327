package io.consentledger.app.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.consentledger.api.Rejection;
import io.consentledger.api.RejectionDetails;
import io.consentledger.api.RejectionKind;
import io.consentledger.command.contact.ErasureNotJournaled;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.common.AxonException;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.messaging.HandlerExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Answers every error of the HTTP API as an RFC 9457 problem with a stable {@code type}: the rules of the ledger by
 * their {@link RejectionKind}, bad input with every field that is wrong and why, and anything unforeseen as a plain
 * 500 without internals.
 */
@RestControllerAdvice
class ProblemHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    /** One wrong field of a request, and why. */
    record FieldProblem(String field, String message) {}

    @ExceptionHandler(Rejection.class)
    ResponseEntity<ProblemDetail> rejection(Rejection rejection, HttpServletRequest request) {
        return fromDetails(rejection.details(), request);
    }

    @ExceptionHandler(HandlerExecutionException.class)
    ResponseEntity<ProblemDetail> handlerExecution(HandlerExecutionException e, HttpServletRequest request) {
        Optional<RejectionDetails> details = e.getDetails()
                .filter(RejectionDetails.class::isInstance)
                .map(RejectionDetails.class::cast)
                .or(() -> ExceptionUtils.findException(e, Rejection.class).map(Rejection::details));
        if (details.isPresent()) {
            return fromDetails(details.get(), request);
        }
        if (e.getCause() instanceof AxonException cause) {
            return axon(cause, request);
        }
        return unexpected(e, request);
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<ProblemDetail> aggregateNotFound(AggregateNotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Nothing is recorded under that id.", request);
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<ProblemDetail> concurrency(ConcurrencyException e, HttpServletRequest request) {
        return problem(
                HttpStatus.CONFLICT,
                ProblemTypes.of(RejectionKind.CONCURRENT_MODIFICATION),
                "Someone else changed the same record at the same moment; send the request again.",
                request);
    }

    @ExceptionHandler(MethodArgumentNotValidException.class)
    ResponseEntity<ProblemDetail> invalidBody(MethodArgumentNotValidException e, HttpServletRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return invalid(problems, request);
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<ProblemDetail> invalidParameters(HandlerMethodValidationException e, HttpServletRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? fieldError.getField() : parameter;
                problems.add(new FieldProblem(field, error.getDefaultMessage()));
            }
        });
        return invalid(problems, request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<FieldProblem> problems = e.getConstraintViolations().stream()
                .map(violation -> {
                    String path = violation.getPropertyPath().toString();
                    return new FieldProblem(path.substring(path.lastIndexOf('.') + 1), violation.getMessage());
                })
                .toList();
        return invalid(problems, request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        return invalid(List.of(new FieldProblem(e.getName(), "has the wrong type or format")), request);
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<ProblemDetail> missingParameter(
            MissingServletRequestParameterException e, HttpServletRequest request) {
        return invalid(List.of(new FieldProblem(e.getParameterName(), "is required")), request);
    }

    @ExceptionHandler(MissingRequestHeaderException.class)
    ResponseEntity<ProblemDetail> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
        return invalid(List.of(new FieldProblem(e.getHeaderName(), "is required")), request);
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<ProblemDetail> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (ExceptionUtils.findException(e, RequestSizeLimit.BodyTooLarge.class).isPresent()) {
            return problem(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "The request body is too large.",
                    request);
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return invalid(List.of(new FieldProblem(path(unknown), "is not a field of this request")), request);
        }
        if (e.getCause() instanceof InvalidFormatException format
                && format.getTargetType().isEnum()) {
            String allowed = Arrays.stream(format.getTargetType().getEnumConstants())
                    .map(String::valueOf)
                    .collect(Collectors.joining(", "));
            return invalid(List.of(new FieldProblem(path(format), "must be one of " + allowed)), request);
        }
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            return invalid(List.of(new FieldProblem(path(mapping), "has the wrong type or format")), request);
        }
        String detail = e.getCause() instanceof JsonProcessingException
                ? "The request body is not well-formed JSON."
                : "The request body is missing or cannot be read.";
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, detail, request);
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<ProblemDetail> unsupportedMediaType(
            HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return problem(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                ProblemTypes.UNSUPPORTED_MEDIA_TYPE,
                "Send the request body as application/json.",
                request);
    }

    @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
    ResponseEntity<ProblemDetail> notAcceptable(HttpMediaTypeNotAcceptableException e, HttpServletRequest request) {
        return problem(
                HttpStatus.NOT_ACCEPTABLE,
                ProblemTypes.NOT_ACCEPTABLE,
                "This resource is available as application/json.",
                request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<ProblemDetail> methodNotAllowed(
            HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return problem(
                HttpStatus.METHOD_NOT_ALLOWED,
                ProblemTypes.METHOD_NOT_ALLOWED,
                "This resource does not accept " + e.getMethod() + ".",
                request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<ProblemDetail> noResource(NoResourceFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "There is nothing at this path.", request);
    }

    /** Not "nothing was recorded": the erasure is stored, only its copy outside the database is missing. */
    @ExceptionHandler(ErasureNotJournaled.class)
    ResponseEntity<ProblemDetail> erasureNotJournaled(ErasureNotJournaled e, HttpServletRequest request) {
        return problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                ProblemTypes.ERASURE_NOT_JOURNALED,
                "The contact is erased, but the erasure could not be written to the erasure journal, which keeps it"
                        + " erased after a restore from an older backup. Send the request again: erasing again changes"
                        + " nothing and writes the journal.",
                request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e, HttpServletRequest request) {
        Optional<Rejection> rejection = ExceptionUtils.findException(e, Rejection.class);
        if (rejection.isPresent()) {
            return rejection(rejection.get(), request);
        }
        if (e instanceof AxonException axonException && !(e instanceof HandlerExecutionException)) {
            return axon(axonException, request);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL_ERROR,
                "Something went wrong on our side; nothing was recorded. Try again later.",
                request);
    }

    private ResponseEntity<ProblemDetail> axon(AxonException e, HttpServletRequest request) {
        if (e instanceof ConcurrencyException concurrency) {
            return concurrency(concurrency, request);
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return aggregateNotFound(notFound, request);
        }
        log.error("Unexpected Axon error on {} {}", request.getMethod(), request.getRequestURI(), e);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL_ERROR,
                "Something went wrong on our side; nothing was recorded. Try again later.",
                request);
    }

    private ResponseEntity<ProblemDetail> fromDetails(RejectionDetails details, HttpServletRequest request) {
        ResponseEntity<ProblemDetail> response = problem(
                HttpStatusCode.valueOf(details.kind().status()),
                ProblemTypes.of(details.kind()),
                details.detail(),
                request);
        if (details.field() != null) {
            ProblemDetail body = response.getBody();
            body.setProperty("field", details.field());
            if (details.kind() == RejectionKind.INVALID_REQUEST) {
                body.setProperty("errors", List.of(new FieldProblem(details.field(), details.detail())));
            }
        }
        return response;
    }

    private ResponseEntity<ProblemDetail> invalid(List<FieldProblem> problems, HttpServletRequest request) {
        List<FieldProblem> sorted = problems.stream()
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .toList();
        String detail = sorted.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
        ResponseEntity<ProblemDetail> response = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.of(RejectionKind.INVALID_REQUEST),
                "Invalid request: " + detail,
                request);
        response.getBody().setProperties(Map.of("errors", sorted));
        return response;
    }

    private static ResponseEntity<ProblemDetail> problem(
            HttpStatusCode status, URI type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }
}
