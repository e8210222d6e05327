package io.consentledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.api.Rejection;
import io.consentledger.command.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.common.ExceptionUtils;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * Sends a command and waits until its events are stored, then answers with the receipt. Requests with an
 * {@code Idempotency-Key} header are answered once: a repeat with the same body gets the first response and records
 * nothing; a repeat with another body is refused.
 */
@Component
public class CommandSender {

    public static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final CommandGateway commandGateway;
    private final IdempotencyStore idempotencyStore;
    private final ObjectMapper objectMapper;

    CommandSender(CommandGateway commandGateway, IdempotencyStore idempotencyStore, ObjectMapper objectMapper) {
        this.commandGateway = commandGateway;
        this.idempotencyStore = idempotencyStore;
        this.objectMapper = objectMapper;
    }

    /** What a command endpoint asks of the sender. */
    public record Dispatch(
            Object command,
            Object requestBody,
            HttpStatus status,
            URI location,
            Receipt receipt,
            Supplier<? extends Rejection> whenAggregateMissing,
            Supplier<? extends Rejection> whenAggregateExists) {}

    public ResponseEntity<String> send(HttpServletRequest request, Dispatch dispatch) {
        String body = json(dispatch.receipt());
        String key = request.getHeader(IDEMPOTENCY_KEY_HEADER);
        if (key == null) {
            dispatch(dispatch, Map.of());
            return response(dispatch.status().value(), dispatch.location(), body, false);
        }
        if (!validKey(key)) {
            throw new InvalidIdempotencyKey();
        }
        String principal = Optional.ofNullable(request.getUserPrincipal())
                .map(Principal::getName)
                .orElse("anonymous");
        String hash = requestHash(request, json(dispatch.requestBody()));
        Optional<ResponseEntity<String>> earlier = replay(principal, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Map<String, Object> metaData = new HashMap<>();
        metaData.put(IdempotencyInterceptor.PRINCIPAL, principal);
        metaData.put(IdempotencyInterceptor.KEY, key);
        metaData.put(IdempotencyInterceptor.HASH, hash);
        metaData.put(
                IdempotencyInterceptor.STATUS, String.valueOf(dispatch.status().value()));
        metaData.put(IdempotencyInterceptor.BODY, body);
        if (dispatch.location() != null) {
            metaData.put(IdempotencyInterceptor.LOCATION, dispatch.location().toString());
        }
        try {
            dispatch(dispatch, metaData);
        } catch (RuntimeException e) {
            if (ExceptionUtils.findException(e, DuplicateKeyException.class).isEmpty()) {
                throw e;
            }
            // A concurrent request with the same key won the race; its events are stored and ours are not.
            return replay(principal, key, hash).orElseThrow(() -> e);
        }
        return response(dispatch.status().value(), dispatch.location(), body, false);
    }

    private void dispatch(Dispatch dispatch, Map<String, ?> metaData) {
        try {
            commandGateway.sendAndWait(
                    GenericCommandMessage.asCommandMessage(dispatch.command()).andMetaData(metaData));
        } catch (AggregateNotFoundException e) {
            if (dispatch.whenAggregateMissing() == null) {
                throw e;
            }
            throw dispatch.whenAggregateMissing().get();
        } catch (AggregateStreamCreationException e) {
            if (dispatch.whenAggregateExists() == null) {
                throw e;
            }
            throw dispatch.whenAggregateExists().get();
        }
    }

    private Optional<ResponseEntity<String>> replay(String principal, String key, String hash) {
        return idempotencyStore.find(principal, key).map(stored -> {
            if (!stored.requestHash().equals(hash)) {
                throw new IdempotencyKeyConflict();
            }
            URI location = stored.location() == null ? null : URI.create(stored.location());
            return response(stored.status(), location, stored.body(), true);
        });
    }

    private static ResponseEntity<String> response(int status, URI location, String body, boolean replayed) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (location != null) {
            headers.setLocation(location);
        }
        if (replayed) {
            headers.set(REPLAYED_HEADER, "true");
        }
        return ResponseEntity.status(status).headers(headers).body(body);
    }

    /** Whether an idempotency key has the documented shape: 1-200 printable ASCII characters. */
    public static boolean validKey(String key) {
        return !key.isEmpty() && key.length() <= 200 && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    /** What tells one request from another under the same key: method, path and body. */
    static String requestHash(HttpServletRequest request, String jsonBody) {
        return Sha256.hex(request.getMethod() + " " + request.getRequestURI() + "\n" + jsonBody);
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Receipts and requests are plain records and always serialize", e);
        }
    }
}
