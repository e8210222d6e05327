package io.consentledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.support.Api;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/** A fresh installation without configured users: one admin, its password printed once and kept hashed. */
@ExtendWith(OutputCaptureExtension.class)
class InitialAdminTest {

    private static final Pattern PASSWORD = Pattern.compile("Created user 'admin' with password '([^']+)'");

    @Test
    void createsAdminOncePrintsItsPasswordOnceAndKeepsOnlyItsHash(@TempDir Path dataDir, CapturedOutput output)
            throws Exception {
        String password;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Matcher matcher = PASSWORD.matcher(output.getOut());
            assertThat(matcher.find())
                    .as("password printed once at first start")
                    .isTrue();
            password = matcher.group(1);
            assertThat(status(first, "admin", password)).isEqualTo(200);
            assertThat(status(first, "admin", password + "x")).isEqualTo(401);
        }
        String stored = Files.readString(dataDir.resolve("initial-admin.properties"));
        assertThat(stored).doesNotContain(password).contains("{bcrypt}");

        int printedBefore = count(output.getOut());
        try (ConfigurableApplicationContext second = start(dataDir)) {
            assertThat(count(output.getOut())).as("no new password on restart").isEqualTo(printedBefore);
            assertThat(status(second, "admin", password)).isEqualTo(200);
        }
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return SpringApplication.run(
                ConsentLedgerApplication.class, "--server.port=0", "--consent.data-dir=" + dataDir);
    }

    private static int status(ConfigurableApplicationContext context, String user, String password)
            throws IOException, InterruptedException {
        String port = context.getEnvironment().getProperty("local.server.port");
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/purposes"))
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
