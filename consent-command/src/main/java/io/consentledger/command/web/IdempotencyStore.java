package io.consentledger.command.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The table of first responses to requests that carried an {@code Idempotency-Key}, per principal. */
@Component
class IdempotencyStore {

    private final JdbcClient jdbc;

    IdempotencyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<StoredResponse> find(String principal, String key) {
        return jdbc.sql("SELECT request_hash, response_status, response_location, response_body FROM idempotent_request"
                        + " WHERE principal = ? AND idempotency_key = ?")
                .params(principal, key)
                .query((rs, row) -> new StoredResponse(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4)))
                .optional();
    }

    /**
     * Claims the key for a request whose response is not known yet, inside the transaction that does its work: a
     * concurrent request with the same key waits for that transaction and then fails on the primary key.
     */
    void claim(String principal, String key, String requestHash, Instant at) {
        record(principal, key, new StoredResponse(requestHash, 0, null, ""), at);
    }

    /** Fills in the response of a claimed key, in the same transaction as the claim. */
    void complete(String principal, String key, StoredResponse response) {
        jdbc.sql("UPDATE idempotent_request SET response_status = ?, response_location = ?, response_body = ?"
                        + " WHERE principal = ? AND idempotency_key = ?")
                .params(response.status(), response.location(), response.body(), principal, key)
                .update();
    }

    /** Inserts the response; runs inside the transaction that stores the command's events. */
    void record(String principal, String key, StoredResponse response, Instant at) {
        jdbc.sql("INSERT INTO idempotent_request (principal, idempotency_key, request_hash, response_status,"
                        + " response_location, response_body, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        principal,
                        key,
                        response.requestHash(),
                        response.status(),
                        response.location(),
                        response.body(),
                        at.atOffset(ZoneOffset.UTC))
                .update();
    }
}
