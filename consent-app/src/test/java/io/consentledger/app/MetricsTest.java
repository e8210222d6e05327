package io.consentledger.app;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.AUDITOR;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static io.consentledger.app.support.Api.METRICS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.GrafanaDashboard;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.WebhookReceiver;
import io.consentledger.query.projection.ProjectionBacklog;
import io.consentledger.query.projection.ReadModels;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The operators' metrics, scraped over HTTP as Prometheus does: commands by type and outcome, each processor's lag,
 * dead letters and the confirmation emails waiting, with no contact id or personal data anywhere, and only for ADMIN and
 * the monitoring's own credential.
 */
class MetricsTest extends LedgerTest {

    private static final String SCRAPE = "/actuator/prometheus";
    private static final String CONFIRMATION_PROCESS = "ConfirmationEmailProcessProcessor";

    @Autowired
    private EventProcessingConfiguration processing;

    @Autowired
    private ProjectionBacklog backlog;

    @Test
    void aGrantAndARejectionAreCountedByCommandTypeAndOutcomeWithTheirLatency() {
        Scrape before = scrape();
        String contactId = registerContact(uniqueId("metrics"));
        grant(contactId, "e-marketing");
        Api.Response refusal = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/sales-and-service/withdrawal",
                "{\"sourceId\":\"email\"}");
        assertThat(refusal.status()).as(refusal.body()).isEqualTo(409);

        Scrape after = scrape();

        Map<String, String> granted = Map.of("command", "GrantConsent", "outcome", "success");
        Map<String, String> refused = Map.of("command", "WithdrawConsent", "outcome", "consent-not-granted");
        assertThat(after.value("consent_commands_seconds_count", granted))
                .isGreaterThanOrEqualTo(before.valueOrZero("consent_commands_seconds_count", granted) + 1);
        assertThat(after.value("consent_commands_seconds_count", refused))
                .isGreaterThanOrEqualTo(before.valueOrZero("consent_commands_seconds_count", refused) + 1);
        assertThat(after.value(
                        "consent_commands_seconds_count", Map.of("command", "RegisterContact", "outcome", "success")))
                .isGreaterThanOrEqualTo(1);
        assertThat(after.value("consent_commands_seconds_sum", granted)).isPositive();
        // The histogram's buckets, cumulative up to +Inf, which holds every grant.
        assertThat(after.value("consent_commands_seconds_bucket", with(granted, "le", "0.01")))
                .isLessThanOrEqualTo(after.value("consent_commands_seconds_bucket", with(granted, "le", "+Inf")));
        assertThat(after.value("consent_commands_seconds_bucket", with(granted, "le", "+Inf")))
                .isEqualTo(after.value("consent_commands_seconds_count", granted));
        assertThat(after.labelValues("consent_commands_seconds_count", "outcome"))
                .allMatch(outcome -> outcome.matches("[a-z-]+"));
        assertThat(after.text())
                .doesNotContain(contactId)
                .doesNotContain("ann@example.com")
                .doesNotContain("Ann Smith");
    }

    @Test
    void eachProcessorsLagAndEachProjectionsDeadLettersAreGauged() {
        String contactId = registerContact(uniqueId("metrics"));
        grant(contactId, "e-marketing");
        consentCheck(contactId, "e-marketing");

        Scrape scrape = scrape();

        List<String> processors = new ArrayList<>(ReadModels.ALL);
        processors.add(CONFIRMATION_PROCESS);
        for (String processor : processors) {
            assertThat(scrape.value("consent_processor_lag_events", Map.of("processor", processor)))
                    .as(processor)
                    .isGreaterThanOrEqualTo(0);
            assertThat(scrape.value("consent_processor_lag_seconds", Map.of("processor", processor)))
                    .as(processor)
                    .isGreaterThanOrEqualTo(0);
        }
        JsonNode projections = api.get(AUDITOR, "/api/v1/admin/projections").json();
        for (JsonNode projection : projections) {
            String name = projection.get("name").asText();
            assertThat(scrape.value("consent_dead_letters", Map.of("processor", name)))
                    .as(name)
                    .isEqualTo(projection.get("deadLetters").asDouble());
        }
        assertThat(scrape.labelValues("consent_dead_letters", "processor"))
                .containsExactlyInAnyOrderElementsOf(ReadModels.ALL);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(scrape().value(
                                        "consent_processor_lag_events", Map.of("processor", ReadModels.LEGAL_BASIS)))
                        .isZero());
        assertThat(scrape.text()).doesNotContain(contactId);
    }

    /** Also the backlog writes are admitted by (a handful of events here: far below the limit, nothing waits). */
    @Test
    void aStoppedProjectionShowsItsLagInEventsAndSecondsUntilItCatchesUp() {
        StreamingEventProcessor history = processing
                .eventProcessor(ReadModels.HISTORY, StreamingEventProcessor.class)
                .orElseThrow();
        Map<String, String> tags = Map.of("processor", ReadModels.HISTORY);
        history.shutDown();
        try {
            String contactId = registerContact(uniqueId("metrics"));
            grant(contactId, "e-marketing");

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                Scrape scrape = scrape();
                assertThat(scrape.value("consent_processor_lag_events", tags))
                        .as("the registration's and the grant's events at least")
                        .isGreaterThanOrEqualTo(eventsOf(contactId));
                assertThat(scrape.value("consent_processor_lag_seconds", tags)).isPositive();
                assertThat(backlog.events()).isGreaterThanOrEqualTo(eventsOf(contactId));
            });
        } finally {
            history.start();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Scrape scrape = scrape();
            assertThat(scrape.value("consent_processor_lag_events", tags)).isZero();
            assertThat(scrape.value("consent_processor_lag_seconds", tags)).isZero();
            assertThat(backlog.events()).isZero();
        });
    }

    @Test
    void aConfirmationEmailThatCannotBeSentIsCountedAsWaitingAndItsFailureByKind() {
        Map<String, String> notConfigured = Map.of("error_kind", "not-configured-or-invalid");
        Scrape before = scrape();
        String contactId = uniqueId("metrics");
        // This context has no SMTP server: the first attempt fails at once and the next is an hour away.
        Api.Response registered = api.post(INTEGRATOR, "/api/v1/contacts", """
                {"contactId":"%s","name":"Ann Smith","email":"ann@example.com","sourceId":"business-card",
                 "sourceDetail":"Met at the trade fair"}""".formatted(contactId));
        assertThat(registered.status()).as(registered.body()).isEqualTo(201);
        changes(contactId, "CONFIRMATION_EMAIL_FAILED");

        Scrape after = scrape();

        assertThat(after.value("consent_confirmation_emails_failed_total", notConfigured))
                .isGreaterThanOrEqualTo(before.value("consent_confirmation_emails_failed_total", notConfigured) + 1);
        assertThat(after.value("consent_confirmation_emails_waiting", Map.of()))
                .isGreaterThanOrEqualTo(1)
                .isEqualTo((double) jdbc.sql("SELECT COUNT(*) FROM SagaEntry WHERE sagaType LIKE ?")
                        .param("%.ConfirmationEmailProcess")
                        .query(Long.class)
                        .single());
        assertThat(after.value("consent_confirmation_emails_sent_total", Map.of()))
                .isGreaterThanOrEqualTo(0);
        assertThat(after.text())
                .doesNotContain(contactId)
                .doesNotContain("ann@example.com")
                .doesNotContain("Ann Smith");
    }

    /**
     * The webhook panels' gauges exist once a subscriber does: one is registered for the scrape (and deleted after).
     * The RabbitMQ row's metrics exist only with publishing on; AmqpPublishingTest checks them in its context.
     */
    @Test
    void theDashboardAsksOnlyForMetricsTheScrapeHas() throws Exception {
        registerContact(uniqueId("metrics"));
        Map<String, Set<String>> byRow = GrafanaDashboard.metricsByRow();
        assertThat(byRow)
                .containsKeys(
                        "Commands", "Writes waiting for the read models", "Webhooks", GrafanaDashboard.RABBITMQ_ROW);
        Set<String> asked = new TreeSet<>();
        byRow.forEach((row, metrics) -> {
            if (!row.equals(GrafanaDashboard.RABBITMQ_ROW)) {
                asked.addAll(metrics);
            }
        });
        assertThat(asked).hasSizeGreaterThanOrEqualTo(15);

        try (WebhookReceiver receiver = new WebhookReceiver()) {
            Api.Response registered = api.post(ADMIN, "/api/v1/webhooks", "{\"url\":\"%s\"}".formatted(receiver.url()));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            receiver.secret(registered.json().get("secret").asText());
            String webhookId = registered.json().get("webhookId").asText();
            try {
                await().atMost(Duration.ofSeconds(30))
                        .untilAsserted(() -> assertThat(scrape().samples().stream()
                                        .map(Scrape.Sample::name)
                                        .distinct())
                                .containsAll(asked));
            } finally {
                Api.Response deleted = api.send(api.request(ADMIN, "/api/v1/webhooks/" + webhookId)
                        .DELETE()
                        .build());
                assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
            }
        }
    }

    @Test
    void onlyAdminAndTheScrapeCredentialMayScrape() {
        assertThat(api.get(METRICS, SCRAPE).status()).isEqualTo(200);
        assertThat(api.get(ADMIN, SCRAPE).status()).isEqualTo(200);
        for (String user : List.of(INTEGRATOR, AUDITOR)) {
            Api.Response refused = api.get(user, SCRAPE);
            assertThat(refused.status()).as(user).isEqualTo(403);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body()).contains("urn:consent-ledger:problem:forbidden");
        }
        Api.Response anonymous = api.get(null, SCRAPE);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");
        assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
        Api.Response wrongPassword = api.send(api.request(null, SCRAPE)
                .header("Authorization", Api.basic(METRICS, "not-the-password"))
                .GET()
                .build());
        assertThat(wrongPassword.status()).isEqualTo(401);
    }

    private Scrape scrape() {
        Api.Response response = api.get(METRICS, SCRAPE);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("text/plain");
        return Scrape.of(response.body());
    }

    private static Map<String, String> with(Map<String, String> tags, String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(tags);
        more.put(name, value);
        return more;
    }

    /** One scrape in Prometheus's text format: its samples, each a name, labels and a value. */
    private record Scrape(String text, List<Sample> samples) {

        private static final Pattern LINE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)$");
        private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

        record Sample(String name, Map<String, String> labels, double value) {}

        static Scrape of(String text) {
            List<Sample> samples = new ArrayList<>();
            for (String line : text.split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                Matcher sample = LINE.matcher(line);
                assertThat(sample.matches()).as(line).isTrue();
                Map<String, String> labels = new LinkedHashMap<>();
                if (sample.group(2) != null) {
                    Matcher label = LABEL.matcher(sample.group(2));
                    while (label.find()) {
                        labels.put(label.group(1), label.group(2));
                    }
                }
                samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
            }
            return new Scrape(text, samples);
        }

        /** The value of the one sample with this name whose labels include these. */
        double value(String name, Map<String, String> labels) {
            List<Sample> matching = matching(name, labels);
            assertThat(matching).as(name + labels + " in the scrape").hasSize(1);
            return matching.get(0).value();
        }

        /** The value, or 0 when the sample is not there yet (a timer appears with its first command). */
        double valueOrZero(String name, Map<String, String> labels) {
            List<Sample> matching = matching(name, labels);
            return matching.isEmpty() ? 0 : value(name, labels);
        }

        List<String> labelValues(String name, String label) {
            return samples.stream()
                    .filter(sample -> sample.name().equals(name))
                    .map(sample -> sample.labels().get(label))
                    .toList();
        }

        private List<Sample> matching(String name, Map<String, String> labels) {
            return samples.stream()
                    .filter(sample -> sample.name().equals(name))
                    .filter(sample -> sample.labels().entrySet().containsAll(labels.entrySet()))
                    .toList();
        }
    }
}
