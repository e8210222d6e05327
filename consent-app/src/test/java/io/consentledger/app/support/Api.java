package io.consentledger.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** A plain HTTP client for the ledger's API, signed in as one of the test users of application-test.yml. */
public final class Api {

    public static final String ADMIN = "admin";
    public static final String INTEGRATOR = "crm-sync";
    public static final String AUDITOR = "auditor";
    public static final String METRICS = "metrics";

    private static final Map<String, String> PASSWORDS = Map.of(
            ADMIN, "admin-secret", INTEGRATOR, "crm-secret", AUDITOR, "auditor-secret", METRICS, "metrics-secret");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The password of one of the test users. */
    public static String passwordOf(String user) {
        return PASSWORDS.get(user);
    }

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(int port) {
        this.base = "http://localhost:" + port;
    }

    /** An HTTP response with its body as text. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON: " + body, e);
            }
        }

        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        public String contentType() {
            return header("Content-Type");
        }
    }

    public Response get(String user, String path) {
        return send(request(user, path).GET().build());
    }

    public Response post(String user, String path, String json) {
        return post(user, path, json, Map.of());
    }

    public Response post(String user, String path, String json, Map<String, String> headers) {
        HttpRequest.Builder builder = request(user, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public Response put(String user, String path, String json) {
        return send(request(user, path)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpRequest.Builder request(String user, String path) {
        HttpRequest.Builder builder =
                HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        if (user != null) {
            builder.header("Authorization", basic(user, PASSWORDS.get(user)));
        }
        return builder;
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
