package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.command.profile.ProfileSettings;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** The personal profile page behind the link in the confirmation email, driven over plain HTTP forms. */
@TestPropertySource(properties = "consent.profile.secret=profile-test-secret")
abstract class ProfilePageContract extends LedgerTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    @Autowired
    private ProfileSettings settings;

    private final HttpClient browser = HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    @Test
    void showsWhatIsStoredAsTextWithoutReferrerOrCaching() throws Exception {
        String contactId = uniqueId("page");
        assertThat(api.post(
                                INTEGRATOR,
                                "/api/v1/contacts",
                                "{\"contactId\":\"" + contactId
                                        + "\",\"name\":\"<script>alert(1)</script>\",\"email\":\"ann@example.com\","
                                        + "\"sourceId\":\"import\"}")
                        .status())
                .isEqualTo(201);
        long events = eventsOf(contactId);

        HttpResponse<String> page = get(link(contactId), "en");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        assertThat(page.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
        assertThat(page.body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert(1)")
                .contains("ann@example.com")
                .contains("Sales and service")
                .contains("E-marketing")
                .contains("Give consent")
                .contains("Object to this use");
        assertThat(eventsOf(contactId)).as("a GET changes nothing").isEqualTo(events);
    }

    @Test
    void givingAndWithdrawingOnThePageIsRecordedAsTheDataSubjectAndShowsAtOnce() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);

        HttpResponse<String> given = post(url, "/purposes/e-marketing/consent", csrf(get(url, "en")));
        assertThat(given.statusCode()).isEqualTo(302);
        HttpResponse<String> after = get(given.headers().firstValue("Location").orElseThrow(), "en");
        assertThat(after.body())
                .contains("Thank you: your consent is recorded.")
                .contains("Withdraw consent");
        assertThat(check(contactId).get("allowed").asBoolean()).isTrue();

        HttpResponse<String> withdrawn = post(url, "/purposes/e-marketing/withdrawal", csrf(after));
        assertThat(withdrawn.statusCode()).isEqualTo(302);
        assertThat(get(withdrawn.headers().firstValue("Location").orElseThrow(), "da")
                        .body())
                .contains("Dit samtykke er trukket tilbage.");
        JsonNode check = check(contactId);
        assertThat(check.get("allowed").asBoolean()).isFalse();
        assertThat(check.get("status").asText()).isEqualTo("WITHDRAWN");

        JsonNode items = api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/history?wait=true")
                .json()
                .get("items");
        JsonNode last = items.get(items.size() - 1);
        assertThat(last.get("change").asText()).isEqualTo("CONSENT_WITHDRAWN");
        assertThat(last.get("actor").asText()).isEqualTo("data-subject");
        assertThat(last.get("channel").asText()).isEqualTo("self-service");
        assertThat(last.get("sourceId").asText()).isEqualTo("profile-page");
    }

    @Test
    void anObjectionEndsALegitimateInterest() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        HttpResponse<String> objected = post(url, "/purposes/sales-and-service/objection", csrf(get(url, "en")));
        assertThat(objected.statusCode()).isEqualTo(302);
        JsonNode check = api.get(
                        INTEGRATOR,
                        "/api/v1/consents/check?contactId=" + contactId + "&purposeId=sales-and-service&wait=true")
                .json();
        assertThat(check.get("status").asText()).isEqualTo("ENDED");
    }

    @Test
    void aChoiceThatIsNoLongerPossibleChangesNothingAndSaysSo() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        long events = eventsOf(contactId);
        // As from a page left open while the consent was withdrawn elsewhere: there is nothing to withdraw.
        HttpResponse<String> stale = post(url, "/purposes/e-marketing/withdrawal", csrf(get(url, "en")));
        assertThat(stale.statusCode()).isEqualTo(302);
        assertThat(stale.headers().firstValue("Location").orElseThrow()).endsWith("?done=unchanged");
        assertThat(get(stale.headers().firstValue("Location").orElseThrow(), "en")
                        .body())
                .contains("Nothing changed");
        assertThat(eventsOf(contactId)).isEqualTo(events);
    }

    @Test
    void refusesAFormWithoutItsCsrfToken() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        get(url, "en");
        long events = eventsOf(contactId);
        assertThat(post(url, "/purposes/e-marketing/consent", null).statusCode())
                .isEqualTo(403);
        assertThat(eventsOf(contactId)).isEqualTo(events);
    }

    @Test
    void refusesATamperedLinkWith403AndAnExpiredOneWith410() throws Exception {
        String contactId = registerContact(uniqueId("page"));
        String url = link(contactId);
        // Alter one character in the middle of the token (the last one may only carry padding bits).
        int middle = url.lastIndexOf('/') + (url.length() - url.lastIndexOf('/')) / 2;
        char original = url.charAt(middle);
        String tampered = url.substring(0, middle) + (original == 'A' ? 'B' : 'A') + url.substring(middle + 1);
        HttpResponse<String> refused = get(tampered, "en");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("This link does not work").doesNotContain(contactId);
        assertThat(get(url.replaceAll("/[^/]+$", "/not-a-token"), "en").statusCode())
                .isEqualTo(403);

        ProfileLinks monthAgo = new ProfileLinks(
                settings, Clock.offset(Clock.systemUTC(), Duration.ofDays(-30)), Files.createTempDirectory("unused"));
        String expired =
                url.replaceAll("/[^/]+$", "/" + monthAgo.create(contactId).token());
        HttpResponse<String> gone = get(expired, "da");
        assertThat(gone.statusCode()).isEqualTo(410);
        assertThat(gone.body()).contains("Dette link er udløbet");
    }

    @Test
    void onlyAnAdminIssuesLinks() {
        String contactId = registerContact(uniqueId("page"));
        assertThat(api.post(INTEGRATOR, "/api/v1/contacts/" + contactId + "/profile-link", "")
                        .status())
                .isEqualTo(403);
        assertThat(api.post(ADMIN, "/api/v1/contacts/" + uniqueId("nobody") + "/profile-link", "")
                        .status())
                .isEqualTo(404);
    }

    private String link(String contactId) {
        Api.Response response = api.post(ADMIN, "/api/v1/contacts/" + contactId + "/profile-link", "");
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String url = response.json().get("url").asText();
        // The configured base URL points at the default port; this test's service listens elsewhere.
        return url.replace(settings.baseUrl(), "http://localhost:" + port());
    }

    private JsonNode check(String contactId) {
        return api.get(INTEGRATOR, "/api/v1/consents/check?contactId=" + contactId + "&purposeId=e-marketing&wait=true")
                .json();
    }

    private HttpResponse<String> get(String url, String language) throws IOException, InterruptedException {
        String absolute = url.startsWith("http") ? url : "http://localhost:" + port() + url;
        return browser.send(
                HttpRequest.newBuilder(URI.create(absolute))
                        .header("Accept-Language", language)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String url, String action, String csrf) throws IOException, InterruptedException {
        return browser.send(
                HttpRequest.newBuilder(URI.create(url + action))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(csrf == null ? "" : "_csrf=" + csrf))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String csrf(HttpResponse<String> page) {
        Matcher matcher = CSRF.matcher(page.body());
        assertThat(matcher.find()).as("a CSRF field in the form").isTrue();
        return matcher.group(1);
    }
}
