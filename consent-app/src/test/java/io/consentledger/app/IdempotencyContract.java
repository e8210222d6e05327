package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.springframework.test.annotation.DirtiesContext;

/**
 * The {@code Idempotency-Key} promise, walked over every POST and PUT the OpenAPI description lists: the same key with
 * the same request answers the first response again with {@code Idempotent-Replayed: true} and records nothing; the
 * same key with another request is 422 {@code idempotency-key-reused} and records nothing.
 *
 * <p>It renames a legal basis, which every contact's card names, so its application context is not shared on.
 */
@DirtiesContext
abstract class IdempotencyContract extends LedgerTest {

    /**
     * One request to an endpoint, another one to tell apart from it, and how to wait for what the first sets off in
     * the background (a job's erasures, an email attempt) before comparing.
     */
    private record Example(
            String method,
            String path,
            String body,
            String otherPath,
            String otherBody,
            Runnable awaitEffects,
            String contentType) {

        Example(String method, String path, String body, String otherPath, String otherBody) {
            this(method, path, body, otherPath, otherBody, () -> {});
        }

        Example(String method, String path, String body, String otherPath, String otherBody, Runnable awaitEffects) {
            this(method, path, body, otherPath, otherBody, awaitEffects, "application/json");
        }
    }

    @Test
    void everyPostAndPutAnswersARepeatOnceAndRefusesTheKeyForAnotherRequest() {
        Map<String, Supplier<Example>> examples = examples();
        assertThat(writeOperations())
                .as("every POST and PUT of /v3/api-docs has an example here, and every example an endpoint")
                .isEqualTo(new TreeSet<>(examples.keySet()));

        for (Map.Entry<String, Supplier<Example>> endpoint : examples.entrySet()) {
            Example example = endpoint.getValue().get();
            String key = "key-" + UUID.randomUUID();
            Api.Response first = send(example.method(), example.path(), example.body(), key, example.contentType());
            assertThat(first.status())
                    .as(endpoint.getKey() + ": " + first.body())
                    .isBetween(200, 299);
            assertThat(first.header("Idempotent-Replayed")).isNull();
            example.awaitEffects().run();
            State before = state();

            Api.Response repeat = send(example.method(), example.path(), example.body(), key, example.contentType());
            assertThat(repeat.status()).as(endpoint.getKey()).isEqualTo(first.status());
            assertThat(repeat.body()).as(endpoint.getKey()).isEqualTo(first.body());
            assertThat(repeat.header("Location")).as(endpoint.getKey()).isEqualTo(first.header("Location"));
            assertThat(repeat.header("Idempotent-Replayed"))
                    .as(endpoint.getKey())
                    .isEqualTo("true");
            assertThat(state())
                    .as(endpoint.getKey() + ": the repeat did nothing")
                    .isEqualTo(before);

            Api.Response other =
                    send(example.method(), example.otherPath(), example.otherBody(), key, example.contentType());
            assertThat(other.status())
                    .as(endpoint.getKey() + ": " + other.body())
                    .isEqualTo(422);
            assertThat(other.contentType()).startsWith("application/problem+json");
            assertThat(other.json().get("type").asText())
                    .isEqualTo("urn:consent-ledger:problem:idempotency-key-reused");
            assertThat(state())
                    .as(endpoint.getKey() + ": the refusal did nothing")
                    .isEqualTo(before);
        }
    }

    @Test
    void concurrentRequestsWithOneKeyStartOneBulkErasureAndAllGetItsAnswer() throws Exception {
        String contactId = registerContact(uniqueId("c"));
        String body = "{\"contactIds\":[\"" + contactId + "\"]}";
        String key = "key-" + UUID.randomUUID();
        long jobsBefore =
                jdbc.sql("SELECT COUNT(*) FROM erasure_job").query(Long.class).single();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Api.Response>> answers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(clients.submit(() -> send("POST", "/api/v1/retention/erasures", body, key)));
            }
            Set<String> jobIds = new HashSet<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get();
                assertThat(response.status()).as(response.body()).isEqualTo(202);
                jobIds.add(response.json().get("jobId").asText());
            }
            assertThat(jobIds).hasSize(1);
        } finally {
            clients.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM erasure_job")
                        .query(Long.class)
                        .single())
                .isEqualTo(jobsBefore + 1);
        assertThat(changes(contactId, "CONTACT_ERASED")).containsOnlyOnce("CONTACT_ERASED");
    }

    /**
     * "METHOD /path" of every write operation the service describes; a POST marked {@code x-records-nothing} (a query
     * sent as a body, such as the check in bulk) only reads, so a repeat just answers again.
     */
    private TreeSet<String> writeOperations() {
        JsonNode paths = api.get(null, "/v3/api-docs").json().get("paths");
        TreeSet<String> operations = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (String method : List.of("post", "put")) {
                if (path.getValue().has(method)
                        && !path.getValue()
                                .get(method)
                                .path("x-records-nothing")
                                .asText()
                                .equals("true")) {
                    operations.add(method.toUpperCase() + " " + path.getKey());
                }
            }
        }
        return operations;
    }

    /** What a repeat must leave as it was: the event store, bulk erasure jobs, projection rebuilds. */
    private record State(long events, long erasureJobs, String rebuilds) {}

    private State state() {
        long jobs =
                jdbc.sql("SELECT COUNT(*) FROM erasure_job").query(Long.class).single();
        List<String> rebuilds = new ArrayList<>();
        api.get(AUDITOR, "/api/v1/admin/projections")
                .json()
                .forEach(projection -> rebuilds.add(projection.get("name").asText() + "@"
                        + projection.get("replayStartedAt").asText()));
        return new State(allEvents(), jobs, String.join(",", rebuilds));
    }

    private Map<String, Supplier<Example>> examples() {
        Map<String, Supplier<Example>> examples = new LinkedHashMap<>();
        examples.put(
                "POST /api/v1/purposes",
                () -> new Example(
                        "POST",
                        "/api/v1/purposes",
                        purpose(uniqueId("p")),
                        "/api/v1/purposes",
                        purpose(uniqueId("p"))));
        examples.put("PUT /api/v1/purposes/{purposeId}", () -> {
            String purposeId = definedPurpose();
            String path = "/api/v1/purposes/" + purposeId;
            return new Example("PUT", path, "{\"name\":\"Newsletter 2\"}", path, "{\"name\":\"Newsletter 3\"}");
        });
        examples.put(
                "POST /api/v1/purposes/{purposeId}/retire",
                () -> new Example(
                        "POST",
                        "/api/v1/purposes/" + definedPurpose() + "/retire",
                        "{\"reason\":\"Campaign over\"}",
                        "/api/v1/purposes/" + definedPurpose() + "/retire",
                        "{\"reason\":\"Campaign over\"}"));
        examples.put(
                "POST /api/v1/sources",
                () -> new Example(
                        "POST", "/api/v1/sources", source(uniqueId("s")), "/api/v1/sources", source(uniqueId("s"))));
        examples.put(
                "POST /api/v1/sources/{sourceId}/retire",
                () -> new Example(
                        "POST",
                        "/api/v1/sources/" + definedSource() + "/retire",
                        "",
                        "/api/v1/sources/" + definedSource() + "/retire",
                        ""));
        examples.put(
                "PUT /api/v1/legal-bases/{legalBasis}",
                () -> new Example(
                        "PUT",
                        "/api/v1/legal-bases/CONTRACT",
                        "{\"name\":\"Contract " + uniqueId("n") + "\"}",
                        "/api/v1/legal-bases/CONTRACT",
                        "{\"name\":\"Contract " + uniqueId("n") + "\"}"));
        examples.put(
                "POST /api/v1/contacts",
                () -> new Example(
                        "POST",
                        "/api/v1/contacts",
                        contact(uniqueId("c")),
                        "/api/v1/contacts",
                        contact(uniqueId("c"))));
        examples.put("PUT /api/v1/contacts/{contactId}", () -> {
            String path = "/api/v1/contacts/" + registerContact(uniqueId("c"));
            return new Example(
                    "PUT",
                    path,
                    "{\"name\":\"Ann Jones\",\"email\":\"ann@example.com\"}",
                    path,
                    "{\"name\":\"Ann Brown\",\"email\":\"ann@example.com\"}");
        });
        examples.put("POST /api/v1/contacts/{contactId}/consents", () -> {
            String path = "/api/v1/contacts/" + registerContact(uniqueId("c")) + "/consents";
            return new Example(
                    "POST",
                    path,
                    "{\"purposeId\":\"e-marketing\",\"sourceId\":\"web-form\"}",
                    path,
                    "{\"purposeId\":\"e-marketing\",\"sourceId\":\"email\"}");
        });
        examples.put("POST /api/v1/contacts/{contactId}/consents/{purposeId}/withdrawal", () -> {
            String contactId = registerContact(uniqueId("c"));
            grant(contactId, "e-marketing");
            String path = "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal";
            return new Example("POST", path, "{\"sourceId\":\"email\"}", path, "{\"sourceId\":\"phone\"}");
        });
        examples.put("POST /api/v1/contacts/{contactId}/legal-bases", () -> {
            String path = "/api/v1/contacts/" + registerContact(uniqueId("c")) + "/legal-bases";
            return new Example(
                    "POST",
                    path,
                    "{\"purposeId\":\"sales-and-service\",\"legalBasis\":\"CONTRACT\",\"sourceId\":\"email\"}",
                    path,
                    "{\"purposeId\":\"sales-and-service\",\"legalBasis\":\"CONTRACT\",\"sourceId\":\"phone\"}");
        });
        examples.put("POST /api/v1/contacts/{contactId}/legal-bases/{purposeId}/end", () -> {
            String path = "/api/v1/contacts/" + registerContact(uniqueId("c")) + "/legal-bases/sales-and-service/end";
            return new Example("POST", path, "{\"reason\":\"Contract ended\"}", path, "{\"reason\":\"Objection\"}");
        });
        examples.put("POST /api/v1/contacts/{contactId}/confirmation-email", () -> {
            String contactId = registerContact(uniqueId("c"));
            return new Example(
                    "POST",
                    "/api/v1/contacts/" + contactId + "/confirmation-email",
                    "",
                    "/api/v1/contacts/" + registerContact(uniqueId("c")) + "/confirmation-email",
                    "",
                    // Without an SMTP server the attempt fails at once and the next one is an hour away.
                    () -> changes(contactId, "CONFIRMATION_EMAIL_FAILED"));
        });
        examples.put(
                "POST /api/v1/contacts/{contactId}/profile-link",
                () -> new Example(
                        "POST",
                        "/api/v1/contacts/" + registerContact(uniqueId("c")) + "/profile-link",
                        "",
                        "/api/v1/contacts/" + registerContact(uniqueId("c")) + "/profile-link",
                        ""));
        examples.put(
                "POST /api/v1/contacts/{contactId}/erasure",
                () -> new Example(
                        "POST",
                        "/api/v1/contacts/" + registerContact(uniqueId("c")) + "/erasure",
                        "",
                        "/api/v1/contacts/" + registerContact(uniqueId("c")) + "/erasure",
                        ""));
        examples.put("POST /api/v1/retention/erasures", () -> {
            String contactId = registerContact(uniqueId("c"));
            return new Example(
                    "POST",
                    "/api/v1/retention/erasures",
                    "{\"contactIds\":[\"" + contactId + "\"]}",
                    "/api/v1/retention/erasures",
                    "{\"contactIds\":[\"" + registerContact(uniqueId("c")) + "\"]}",
                    () -> changes(contactId, "CONTACT_ERASED"));
        });
        examples.put("POST /api/v1/imports", () -> {
            String contactId = uniqueId("imp");
            String other = uniqueId("imp");
            return new Example(
                    "POST",
                    "/api/v1/imports",
                    "contactId,name,email,sourceId\n" + contactId + ",Ann Smith,ann@example.com,import\n",
                    "/api/v1/imports",
                    "contactId,name,email,sourceId\n" + other + ",Bob Jones,bob@example.com,import\n",
                    // The contact's events commit with the import's last event: then the import is done.
                    () -> await().atMost(Duration.ofSeconds(60)).until(() -> eventsOf(contactId) > 0),
                    "text/csv");
        });
        examples.put(
                "POST /api/v1/admin/projections/{name}/replay",
                () -> new Example(
                        "POST",
                        "/api/v1/admin/projections/catalog/replay",
                        "",
                        "/api/v1/admin/projections/history/replay",
                        ""));
        examples.put(
                "POST /api/v1/admin/projections/{name}/dead-letters/retry",
                () -> new Example(
                        "POST",
                        "/api/v1/admin/projections/legal-basis/dead-letters/retry",
                        "",
                        "/api/v1/admin/projections/history/dead-letters/retry",
                        ""));
        examples.put(
                "POST /api/v1/webhooks",
                () -> new Example(
                        "POST",
                        "/api/v1/webhooks",
                        quietWebhook("http://127.0.0.1:9/first"),
                        "/api/v1/webhooks",
                        quietWebhook("http://127.0.0.1:9/other")));
        for (String action : List.of("pause", "resume", "rotate-secret")) {
            examples.put(
                    "POST /api/v1/webhooks/{webhookId}/" + action,
                    () -> new Example(
                            "POST",
                            "/api/v1/webhooks/" + webhook() + "/" + action,
                            "",
                            "/api/v1/webhooks/" + webhook() + "/" + action,
                            ""));
        }
        examples.put("POST /api/v1/webhooks/{webhookId}/replay", () -> {
            String path = "/api/v1/webhooks/" + webhook() + "/replay";
            return new Example("POST", path, "{\"from\":\"now\"}", path, "{\"from\":\"beginning\"}");
        });
        return examples;
    }

    /** A webhook whose filters let nothing through, so that no delivery is ever tried. */
    private static String quietWebhook(String url) {
        return "{\"url\":\"" + url + "\",\"changes\":[\"CONSENT_LAPSED\"],\"purposes\":[\"no-such-purpose\"]}";
    }

    private String webhook() {
        Api.Response response = api.post(ADMIN, "/api/v1/webhooks", quietWebhook("http://127.0.0.1:9/hook"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("webhookId").asText();
    }

    private Api.Response send(String method, String path, String body, String key) {
        return send(method, path, body, key, "application/json");
    }

    private Api.Response send(String method, String path, String body, String key, String contentType) {
        HttpRequest request = api.request(ADMIN, path)
                .header("Content-Type", contentType)
                .header("Idempotency-Key", key)
                .method(method, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        return api.send(request);
    }

    private String definedPurpose() {
        String purposeId = uniqueId("p");
        Api.Response defined = api.post(ADMIN, "/api/v1/purposes", purpose(purposeId));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        return purposeId;
    }

    private String definedSource() {
        String sourceId = uniqueId("s");
        Api.Response defined = api.post(ADMIN, "/api/v1/sources", source(sourceId));
        assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        return sourceId;
    }

    private static String purpose(String purposeId) {
        return "{\"purposeId\":\"" + purposeId + "\",\"name\":\"Newsletter\",\"requiresConsent\":true}";
    }

    private static String source(String sourceId) {
        return "{\"sourceId\":\"" + sourceId + "\",\"name\":\"Trade fair\"}";
    }

    private static String contact(String contactId) {
        return "{\"contactId\":\"" + contactId
                + "\",\"name\":\"Ann Smith\",\"email\":\"ann@example.com\",\"sourceId\":\"import\"}";
    }
}
