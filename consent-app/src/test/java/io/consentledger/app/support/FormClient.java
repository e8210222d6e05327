package io.consentledger.app.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser without JavaScript: keeps its session cookie, reads CSRF tokens from forms and posts them. */
public final class FormClient {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final String base;

    public FormClient(int port) {
        this.base = "http://localhost:" + port;
    }

    /** GETs a path or absolute URL in the given language. */
    public HttpResponse<String> get(String url, String language) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create(absolute(url)))
                        .header("Accept-Language", language)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a form with only the CSRF token ({@code null}: without it). */
    public HttpResponse<String> post(String url, String csrf) throws IOException, InterruptedException {
        return post(url, csrf, "");
    }

    /** POSTs a form with the CSRF token and more fields, already encoded ({@code name=value&...}). */
    public HttpResponse<String> post(String url, String csrf, String fields) throws IOException, InterruptedException {
        String body = (csrf == null ? "" : "_csrf=" + csrf) + (fields.isEmpty() ? "" : "&" + fields);
        return client.send(
                HttpRequest.newBuilder(URI.create(absolute(url)))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a multipart form: the CSRF token, the fields, and one file part named {@code file}. */
    public HttpResponse<String> postFile(
            String url, String csrf, java.util.Map<String, String> fields, String fileName, String content)
            throws IOException, InterruptedException {
        String boundary = "----form-" + System.nanoTime();
        StringBuilder body = new StringBuilder();
        java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
        all.put("_csrf", csrf);
        all.putAll(fields);
        all.forEach((name, value) -> body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"")
                .append(name)
                .append("\"\r\n\r\n")
                .append(value)
                .append("\r\n"));
        body.append("--")
                .append(boundary)
                .append("\r\nContent-Disposition: form-data; name=\"file\"; filename=\"")
                .append(fileName)
                .append("\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .append(content)
                .append("\r\n--")
                .append(boundary)
                .append("--\r\n");
        return client.send(
                HttpRequest.newBuilder(URI.create(absolute(url)))
                        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Signs in to the back office with the login form; the session cookie is kept for the following requests. */
    public void signIn(String user, String password) throws IOException, InterruptedException {
        HttpResponse<String> form = get("/login", "en");
        HttpResponse<String> signedIn = post(
                "/login",
                csrf(form),
                "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                        + URLEncoder.encode(password, StandardCharsets.UTF_8));
        assertThat(location(signedIn)).as("signed in as " + user).doesNotContain("error");
    }

    /** The CSRF token of the first form on the page. */
    public static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF field in the form").isTrue();
        return matcher.group(1);
    }

    /** Where a redirect points. */
    public static String location(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(302);
        return response.headers().firstValue("Location").orElseThrow();
    }

    private String absolute(String url) {
        return url.startsWith("http") ? url : base + url;
    }
}
