package io.consentledger.app.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.consentledger.api.FieldRules;
import io.consentledger.api.RejectionDetails;
import io.consentledger.api.RejectionKind;
import io.consentledger.api.ValueFreeFailure;
import io.consentledger.app.CommitOutcomeUnknown;
import io.consentledger.command.contact.ErasureNotJournaled;
import io.consentledger.command.web.CommandSender;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.time.Instant;
import java.time.Period;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingPathVariableException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error of the HTTP API as an RFC 9457 problem with a stable {@code type}: the rules of the ledger by
 * their {@link RejectionKind}, bad input with every field that is wrong and why, and anything unforeseen as a plain
 * 500 without internals. Spring MVC's own refusals (405, 406, 415, 404 ...) are answered by
 * {@link ResponseEntityExceptionHandler}, with the type of their status and the details of
 * {@code messages/problems.properties}.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    private static final String SOMETHING_WENT_WRONG =
            "Something went wrong on our side; nothing was recorded. Try again later.";

    /** One wrong field of a request, and why. */
    record FieldProblem(String field, String message) {}

    /**
     * Everything that is not Spring MVC's: a rejection by the ledger (however Axon wrapped it), a conflict or an
     * unknown id found by Axon, a commit whose outcome is unknown, an erasure not journaled, or a fault of ours.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> failure(Exception e, HttpServletRequest request) {
        Optional<RejectionDetails> rejection = RejectionDetails.in(e);
        if (rejection.isPresent()) {
            return rejected(rejection.get(), request);
        }
        if (ExceptionUtils.findException(e, CommitOutcomeUnknown.class).isPresent()) {
            return outcomeUnknown(request);
        }
        if (ExceptionUtils.findException(e, ErasureNotJournaled.class).isPresent()) {
            // Not "nothing was recorded": the erasure is stored, only its copy outside the database is missing.
            return problem(
                    HttpStatus.SERVICE_UNAVAILABLE,
                    ProblemTypes.ERASURE_NOT_JOURNALED,
                    "The contact is erased, but the erasure could not be written to the erasure journal, which keeps"
                            + " it erased after a restore from an older backup. Send the request again: erasing again"
                            + " changes nothing and writes the journal.",
                    request);
        }
        if (ExceptionUtils.findException(e, ConcurrencyException.class).isPresent()) {
            return problem(
                    HttpStatus.CONFLICT,
                    ProblemTypes.of(RejectionKind.CONCURRENT_MODIFICATION),
                    "Someone else changed the same record at the same moment; send the request again.",
                    request);
        }
        if (ExceptionUtils.findException(e, AggregateNotFoundException.class).isPresent()) {
            return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Nothing is recorded under that id.", request);
        }
        if (e instanceof ConstraintViolationException violations) {
            return invalid(
                    violations.getConstraintViolations().stream()
                            .map(violation -> {
                                String path = violation.getPropertyPath().toString();
                                return new FieldProblem(
                                        path.substring(path.lastIndexOf('.') + 1), violation.getMessage());
                            })
                            .toList(),
                    request);
        }
        log.error("Unexpected error on {} {}", request.getMethod(), request.getRequestURI(), ValueFreeFailure.of(e));
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, ProblemTypes.INTERNAL_ERROR, SOMETHING_WENT_WRONG, request);
    }

    /**
     * A role refused inside Spring MVC (the API's roles are checked by the security filters before, so this is only a
     * check a handler makes itself): 403, as the filters answer it, not a fault of ours.
     */
    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> forbidden(AccessDeniedException e, HttpServletRequest request) {
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, ProblemResponses.FORBIDDEN_DETAIL, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (FieldError error : e.getBindingResult().getFieldErrors()) {
            problems.add(new FieldProblem(error.getField(), error.getDefaultMessage()));
        }
        e.getBindingResult()
                .getGlobalErrors()
                .forEach(error -> problems.add(new FieldProblem(error.getObjectName(), error.getDefaultMessage())));
        return invalid(problems, servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        e.getParameterValidationResults().forEach(result -> {
            String parameter = result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError fieldError ? fieldError.getField() : parameter;
                problems.add(new FieldProblem(field, error.getDefaultMessage()));
            }
        });
        return invalid(problems, servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!(e instanceof MethodArgumentTypeMismatchException mismatch)) {
            return super.handleTypeMismatch(e, headers, status, request);
        }
        return invalid(List.of(new FieldProblem(mismatch.getName(), expected(e.getRequiredType()))), servlet(request));
    }

    /** A path variable such as the legal-basis code that converts to nothing ({@code %20} for an enum). */
    @Override
    protected ResponseEntity<Object> handleMissingPathVariable(
            MissingPathVariableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (!e.isMissingAfterConversion()) {
            return super.handleMissingPathVariable(e, headers, status, request);
        }
        Class<?> type = e.getParameter().getParameterType();
        return invalid(List.of(new FieldProblem(e.getVariableName(), expected(type))), servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return invalid(List.of(new FieldProblem(e.getParameterName(), "is required")), servlet(request));
    }

    @Override
    protected ResponseEntity<Object> handleServletRequestBindingException(
            ServletRequestBindingException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e instanceof MissingRequestHeaderException missing) {
            return invalid(List.of(new FieldProblem(missing.getHeaderName(), "is required")), servlet(request));
        }
        return super.handleServletRequestBindingException(e, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return unreadable(e, servlet(request));
    }

    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
        if (ExceptionUtils.findException(e, RequestSizeLimit.BodyTooLarge.class).isPresent()) {
            return problem(
                    HttpStatus.PAYLOAD_TOO_LARGE,
                    ProblemTypes.PAYLOAD_TOO_LARGE,
                    "The request body is too large.",
                    request);
        }
        Optional<RefusedValue> refused = ExceptionUtils.findException(e, RefusedValue.class);
        if (refused.isPresent()) {
            return invalid(
                    List.of(new FieldProblem(path(refused.get()), refused.get().getOriginalMessage())), request);
        }
        Optional<String> duplicate =
                ExceptionUtils.findException(e, StreamReadException.class).flatMap(ProblemHandler::duplicateKey);
        if (duplicate.isPresent()) {
            return invalid(List.of(new FieldProblem(duplicate.get(), "appears more than once")), request);
        }
        if (e.getCause() instanceof UnrecognizedPropertyException unknown) {
            return invalid(List.of(new FieldProblem(path(unknown), "is not a field of this request")), request);
        }
        if (e.getCause() instanceof JsonMappingException mapping
                && !mapping.getPath().isEmpty()) {
            Class<?> target = mapping instanceof MismatchedInputException mismatch ? mismatch.getTargetType() : null;
            return invalid(List.of(new FieldProblem(path(mapping), expected(target))), request);
        }
        String detail = e.getCause() instanceof JsonProcessingException
                ? "The request body is not well-formed JSON."
                : "The request body is missing or cannot be read.";
        return problem(HttpStatus.BAD_REQUEST, ProblemTypes.MALFORMED_REQUEST, detail, request);
    }

    /** Spring MVC's answers get the type of their status; a fault of ours (a 5xx) is logged and tells nothing more. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.is5xxServerError()) {
            HttpServletRequest servlet = servlet(request);
            log.error(
                    "Unexpected error on {} {}", servlet.getMethod(), servlet.getRequestURI(), ValueFreeFailure.of(e));
            body = ProblemDetail.forStatusAndDetail(status, SOMETHING_WENT_WRONG);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> createResponseEntity(
            Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail detail ? detail : ProblemDetail.forStatus(status);
        if (problem.getType() == null || URI.create("about:blank").equals(problem.getType())) {
            problem.setType(ProblemTypes.forStatus(status.value()));
        }
        problem.setInstance(ProblemTypes.instance(servlet(request).getRequestURI()));
        return ResponseEntity.status(status)
                .headers(headers)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /**
     * The database connection broke during the commit: the change may or may not be recorded. A repeat with the same
     * {@code Idempotency-Key} is answered with the recorded outcome, or records it when it was not.
     */
    private ResponseEntity<Object> outcomeUnknown(HttpServletRequest request) {
        log.warn(
                "Commit outcome unknown on {} {}: the database connection broke during commit",
                request.getMethod(),
                request.getRequestURI());
        String detail = request.getHeader(CommandSender.IDEMPOTENCY_KEY_HEADER) == null
                ? "The connection to the database broke while this change was being committed, so it may or may not"
                        + " be recorded. Check whether it was before sending it again, and send an Idempotency-Key so"
                        + " that a repeat is answered with the recorded outcome."
                : "The connection to the database broke while this change was being committed, so it may or may not"
                        + " be recorded. Send the same request again with the same Idempotency-Key: it is answered"
                        + " with the recorded outcome, or recorded now if it was not.";
        ResponseEntity<Object> problem =
                problem(HttpStatus.SERVICE_UNAVAILABLE, ProblemTypes.OUTCOME_UNKNOWN, detail, request);
        return ResponseEntity.status(problem.getStatusCode())
                .headers(problem.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "1")
                .body(problem.getBody());
    }

    private ResponseEntity<Object> rejected(RejectionDetails details, HttpServletRequest request) {
        ResponseEntity<Object> response = problem(
                HttpStatusCode.valueOf(details.kind().status()),
                ProblemTypes.of(details.kind()),
                details.detail(),
                request);
        if (details.field() != null) {
            ProblemDetail body = (ProblemDetail) response.getBody();
            body.setProperty("field", details.field());
            if (details.kind() == RejectionKind.INVALID_REQUEST) {
                body.setProperty("errors", List.of(new FieldProblem(details.field(), details.detail())));
            }
        }
        return response;
    }

    private ResponseEntity<Object> invalid(List<FieldProblem> problems, HttpServletRequest request) {
        List<FieldProblem> sorted = problems.stream()
                .sorted(Comparator.comparing(FieldProblem::field))
                .toList();
        String detail = sorted.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
        ResponseEntity<Object> response = problem(
                HttpStatus.BAD_REQUEST,
                ProblemTypes.of(RejectionKind.INVALID_REQUEST),
                "Invalid request: " + detail,
                request);
        ((ProblemDetail) response.getBody()).setProperty("errors", sorted);
        return response;
    }

    private static ResponseEntity<Object> problem(
            HttpStatusCode status, URI type, String detail, HttpServletRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type);
        problem.setInstance(ProblemTypes.instance(request.getRequestURI()));
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static HttpServletRequest servlet(WebRequest request) {
        return ((ServletWebRequest) request).getRequest();
    }

    /** What a value of the type must look like, as the problem tells it. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type or format";
        }
        if (type.isEnum()) {
            return "must be one of "
                    + Arrays.stream(type.getEnumConstants())
                            .map(constant -> jsonName(type, (Enum<?>) constant))
                            .collect(Collectors.joining(", "));
        }
        if (type == String.class) {
            return "must be text (a JSON string)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number within range";
        }
        if (type == Instant.class) {
            return "must be an ISO-8601 date-time with offset, e.g. 2026-03-01T12:00:00Z, "
                    + FieldRules.INSTANT_RANGE_MESSAGE.substring("must be ".length());
        }
        if (type == Period.class) {
            return FieldRules.PERIOD_MESSAGE;
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "must be a JSON array";
        }
        if (type.isRecord()) {
            return "must be a JSON object";
        }
        return "has the wrong type or format";
    }

    /** An enum constant as JSON spells it ({@code @JsonProperty}), e.g. {@code email} for {@code ConfirmBy.EMAIL}. */
    private static String jsonName(Class<?> type, Enum<?> constant) {
        try {
            JsonProperty property = type.getField(constant.name()).getAnnotation(JsonProperty.class);
            return property == null || property.value().isEmpty() ? constant.name() : property.value();
        } catch (NoSuchFieldException e) {
            return constant.name();
        }
    }

    /**
     * The field a duplicate key stands for: Jackson's strict duplicate detection fails in the parser, whose context
     * then holds the path to the repeated key.
     */
    static Optional<String> duplicateKey(StreamReadException e) {
        String message = e.getOriginalMessage();
        if (message == null || !message.startsWith("Duplicate field '")) {
            return Optional.empty();
        }
        JsonParser parser = e.getProcessor();
        String pointer = parser == null || parser.getParsingContext() == null
                ? ""
                : parser.getParsingContext().pathAsPointer().toString();
        if (pointer.isEmpty()) {
            return Optional.of(message.substring("Duplicate field '".length(), message.lastIndexOf('\'')));
        }
        StringBuilder field = new StringBuilder();
        for (String segment : pointer.substring(1).split("/", -1)) {
            String name = segment.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit) && !name.isEmpty()) {
                field.append('[').append(name).append(']');
            } else {
                field.append(field.isEmpty() ? "" : ".").append(name);
            }
        }
        return Optional.of(field.toString());
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
