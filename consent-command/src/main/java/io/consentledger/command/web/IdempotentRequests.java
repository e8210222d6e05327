package io.consentledger.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.security.Principal;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code Idempotency-Key} for the POST endpoints that do their work without a command (a bulk erasure job, a profile
 * link, a projection rebuild), with the same rules as {@link CommandSender}: the work runs in one database transaction
 * that also claims the key and stores the response, so the response is on record exactly when the work is; a repeat
 * with the same key and request gets that response with {@code Idempotent-Replayed: true} and does nothing; the same
 * key with another request is refused; a refused request stores nothing.
 */
@Component
public class IdempotentRequests {

    private final IdempotencyStore store;
    private final ObjectMapper objectMapper;
    private final TransactionTemplate transactions;
    private final Clock clock;

    IdempotentRequests(
            IdempotencyStore store,
            ObjectMapper objectMapper,
            PlatformTransactionManager transactionManager,
            Clock clock) {
        this.store = store;
        this.objectMapper = objectMapper;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** What an endpoint did: the status, where the result lives (or {@code null}) and the body. */
    public record Outcome(HttpStatus status, URI location, Object body) {}

    /**
     * Does the work in a transaction, once per key: {@code requestBody} is what identifies the request next to its
     * method and path ({@code null} when it has no body).
     */
    public ResponseEntity<String> once(HttpServletRequest request, Object requestBody, Supplier<Outcome> work) {
        String key = request.getHeader(CommandSender.IDEMPOTENCY_KEY_HEADER);
        if (key == null) {
            Outcome outcome = transactions.execute(status -> work.get());
            return response(outcome.status().value(), outcome.location(), json(outcome.body()), false);
        }
        if (!CommandSender.validKey(key)) {
            throw new InvalidIdempotencyKey();
        }
        String principal = Optional.ofNullable(request.getUserPrincipal())
                .map(Principal::getName)
                .orElse("anonymous");
        String hash = CommandSender.requestHash(request, json(requestBody));
        try {
            return transactions.execute(status -> {
                Optional<ResponseEntity<String>> earlier = replay(principal, key, hash);
                if (earlier.isPresent()) {
                    return earlier.get();
                }
                store.claim(principal, key, hash, clock.instant());
                Outcome outcome = work.get();
                String body = json(outcome.body());
                String location =
                        outcome.location() == null ? null : outcome.location().toString();
                store.complete(
                        principal,
                        key,
                        new StoredResponse(hash, outcome.status().value(), location, body));
                return response(outcome.status().value(), outcome.location(), body, false);
            });
        } catch (DuplicateKeyException e) {
            // A concurrent request with the same key won the race: its work is done and ours rolled back.
            return replay(principal, key, hash).orElseThrow(() -> e);
        }
    }

    /**
     * For work that runs transactions of its own (processing dead letters): the work is done first, outside any
     * transaction, and its response is recorded under the key afterwards. A repeat after that is answered with the
     * recorded response and does nothing; two repeats at the same instant may both do the work, so use it only for work
     * that doing twice changes nothing more than doing once.
     */
    public ResponseEntity<String> onceAfter(HttpServletRequest request, Object requestBody, Supplier<Outcome> work) {
        String key = request.getHeader(CommandSender.IDEMPOTENCY_KEY_HEADER);
        if (key == null) {
            Outcome outcome = work.get();
            return response(outcome.status().value(), outcome.location(), json(outcome.body()), false);
        }
        if (!CommandSender.validKey(key)) {
            throw new InvalidIdempotencyKey();
        }
        String principal = Optional.ofNullable(request.getUserPrincipal())
                .map(Principal::getName)
                .orElse("anonymous");
        String hash = CommandSender.requestHash(request, json(requestBody));
        Optional<ResponseEntity<String>> earlier = replay(principal, key, hash);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Outcome outcome = work.get();
        String body = json(outcome.body());
        String location = outcome.location() == null ? null : outcome.location().toString();
        try {
            transactions.executeWithoutResult(status -> store.record(
                    principal,
                    key,
                    new StoredResponse(hash, outcome.status().value(), location, body),
                    clock.instant()));
        } catch (DuplicateKeyException e) {
            // A repeat at the same instant recorded its response first: answer that one, as every later repeat will.
            return replay(principal, key, hash).orElseThrow(() -> e);
        }
        return response(outcome.status().value(), outcome.location(), body, false);
    }

    private Optional<ResponseEntity<String>> replay(String principal, String key, String hash) {
        return store.find(principal, key).map(stored -> {
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
            headers.set(CommandSender.REPLAYED_HEADER, "true");
        }
        return ResponseEntity.status(status).headers(headers).body(body);
    }

    private String json(Object value) {
        try {
            return objectMapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Responses and requests are plain records and always serialize", e);
        }
    }
}
