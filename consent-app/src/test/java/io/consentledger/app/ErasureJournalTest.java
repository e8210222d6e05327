package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;

import io.consentledger.app.support.Api;
import io.consentledger.command.contact.ErasureJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The erasure journal on the embedded default: what it holds, and what happens when it cannot be written. */
class ErasureJournalTest {

    @Test
    void erasuresTheJournalMissesAreAddedFromTheEventStoreAtStartAndATornLineIsSkipped(@TempDir Path dataDir)
            throws Exception {
        Path journal = dataDir.resolve("erasure-journal").resolve("erasures-node-1.journal");
        try (ConfigurableApplicationContext node = start(dataDir)) {
            Api api = api(node);
            register(api, "before-1");
            assertThat(api.post(ADMIN, "/api/v1/contacts/before-1/erasure", "").status())
                    .isEqualTo(200);
        }
        assertThat(Files.readAllLines(journal)).containsExactly("before-1");

        // As if the erasure had been recorded before the journal existed, and a node then stopped mid-line.
        Files.delete(journal);
        Files.writeString(journal, "cut-short@", StandardCharsets.UTF_8, StandardOpenOption.CREATE);
        try (ConfigurableApplicationContext node = start(dataDir)) {
            assertThat(Files.readAllLines(journal))
                    .as("the torn line is closed and the erasure from the event store added")
                    .containsExactly("cut-short@", "before-1");
            Api api = api(node);
            register(api, "after-1");
            assertThat(api.post(ADMIN, "/api/v1/contacts/after-1/erasure", "").status())
                    .isEqualTo(200);
            assertThat(Files.readAllLines(journal)).containsExactly("cut-short@", "before-1", "after-1");
        }
    }

    @Test
    void anErasureTheJournalCannotTakeIsAnsweredAsErasedButNotJournaledAndARepeatCompletesIt(@TempDir Path dataDir)
            throws Exception {
        try (ConfigurableApplicationContext node = start(dataDir)) {
            Api api = api(node);
            register(api, "unjournaled-1");
            SmartLifecycle journal = (SmartLifecycle) node.getBean(ErasureJournal.class);
            journal.stop();

            Api.Response erased = api.post(ADMIN, "/api/v1/contacts/unjournaled-1/erasure", "");
            assertThat(erased.status()).as(erased.body()).isEqualTo(503);
            assertThat(erased.contentType()).startsWith("application/problem+json");
            assertThat(erased.json().get("type").asText())
                    .isEqualTo("urn:consent-ledger:problem:erasure-not-journaled");
            assertThat(erased.json().get("detail").asText())
                    .contains("is erased")
                    .doesNotContain("nothing was recorded");
            assertThat(node.getBean(JdbcClient.class)
                            .sql("SELECT COUNT(*) FROM contact_key WHERE contact_id = 'unjournaled-1'")
                            .query(Long.class)
                            .single())
                    .as("the erasure itself stands")
                    .isZero();

            journal.start();
            Api.Response again = api.post(ADMIN, "/api/v1/contacts/unjournaled-1/erasure", "");
            assertThat(again.status()).as(again.body()).isEqualTo(200);
            assertThat(lines(dataDir)).contains("unjournaled-1");
        }
    }

    private static List<String> lines(Path dataDir) throws IOException {
        return Files.readAllLines(dataDir.resolve("erasure-journal").resolve("erasures-node-1.journal"));
    }

    private static void register(Api api, String contactId) {
        Api.Response registered = api.post(INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"Ann","email":"ann@example.com","sourceId":"import"}""".formatted(contactId));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
    }

    private static ConfigurableApplicationContext start(Path dataDir) {
        return SpringApplication.run(
                ConsentLedgerApplication.class,
                "--spring.profiles.active=test",
                "--server.port=0",
                "--consent.data-dir=" + dataDir,
                "--consent.node-id=node-1",
                "--spring.jmx.enabled=false");
    }

    private static Api api(ConfigurableApplicationContext context) {
        return new Api(Integer.parseInt(context.getEnvironment().getProperty("local.server.port")));
    }
}
