package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.support.Api;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.command.profile.ProfileSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** A fresh installation without configured users: one admin, its password printed once and kept hashed. */
@ExtendWith(OutputCaptureExtension.class)
class InitialAdminTest {

    private static final Pattern PASSWORD = Pattern.compile("Created user 'admin' with password '([^']+)'");

    @Test
    void createsAdminOncePrintsItsPasswordOnceAndKeepsOnlyItsHashInTheDatabase(
            @TempDir Path dataDir, CapturedOutput output) throws Exception {
        String password;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Matcher matcher = PASSWORD.matcher(output.getOut());
            assertThat(matcher.find())
                    .as("password printed once at first start")
                    .isTrue();
            password = matcher.group(1);
            assertThat(status(first, "admin", password)).isEqualTo(200);
            assertThat(status(first, "admin", password + "x")).isEqualTo(401);
            String stored = first.getBean(JdbcClient.class)
                    .sql("SELECT secret FROM installation_secret WHERE name = 'initial-admin-password'")
                    .query(String.class)
                    .single();
            assertThat(stored).doesNotContain(password).startsWith("{bcrypt}");
        }
        assertThat(dataDir.resolve("initial-admin.properties")).doesNotExist();
        assertThat(dataDir.resolve("profile-link.key")).doesNotExist();

        int printedBefore = count(output.getOut());
        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(count(output.getOut())).as("no new password on restart").isEqualTo(printedBefore);
            assertThat(status(second, "admin", password)).isEqualTo(200);
        }
    }

    @Test
    void keepsTheAdminAndTheLinkKeyAnEarlierVersionKeptInTheDataDirectory(@TempDir Path dataDir, CapturedOutput output)
            throws Exception {
        Files.writeString(
                dataDir.resolve("initial-admin.properties"),
                "username=admin\npassword={bcrypt}" + new BCryptPasswordEncoder().encode("former-password") + "\n");
        Files.writeString(dataDir.resolve("profile-link.key"), "former-link-key\n");
        try (ConfigurableApplicationContext node = start(dataDir)) {
            assertThat(PASSWORD.matcher(output.getOut()).find())
                    .as("no new admin")
                    .isFalse();
            assertThat(status(node, "admin", "former-password")).isEqualTo(200);

            Api api = new Api(port(node));
            Api.Response registered = api.send(api.request(null, "/api/v1/contacts")
                    .header("Authorization", Api.basic("admin", "former-password"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"contactId\":\"former-1\",\"name\":\"Ann\",\"email\":\"ann@example.com\","
                                    + "\"sourceId\":\"import\"}"))
                    .build());
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            // A link an earlier version emailed, sealed with the key it kept in the data directory.
            ProfileSettings settings = node.getBean(ProfileSettings.class);
            String token = new ProfileLinks(settings, Clock.systemUTC(), "former-link-key")
                    .create("former-1")
                    .token();
            HttpResponse<Void> page = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create("http://localhost:" + port(node) + "/privacy/profile/" + token))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            assertThat(page.statusCode()).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return SpringApplication.run(
                ConsentLedgerApplication.class,
                "--server.port=0",
                "--consent.data-dir=" + dataDir,
                "--spring.jmx.enabled=false");
    }

    private static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    private static int status(ConfigurableApplicationContext context, String user, String password)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port(context) + "/api/v1/purposes"))
                .header("Authorization", Api.basic(user, password))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static int count(String text) {
        Matcher matcher = PASSWORD.matcher(text);
        int n = 0;
        while (matcher.find()) {
            n++;
        }
        return n;
    }
}
