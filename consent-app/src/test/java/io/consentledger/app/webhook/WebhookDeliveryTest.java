package io.consentledger.app.webhook;

import static io.consentledger.app.support.Api.ADMIN;
import static io.consentledger.app.support.Api.INTEGRATOR;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.app.support.Api;
import io.consentledger.app.support.FormClient;
import io.consentledger.app.support.HeldGrant;
import io.consentledger.app.support.LedgerTest;
import io.consentledger.app.support.WebhookReceiver;
import io.consentledger.app.support.WebhookReceiver.Mode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Webhooks against a real receiver in the test (the JDK's HTTP server) that checks every signature: every change
 * arrives, in the feed's order (a change committed late too), across failures and an outage of the receiver; filters, the pause after failing too long, resume,
 * replay, a rotated secret, a redirect that is never followed.
 */
class WebhookDeliveryTest extends LedgerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    private EventStore eventStore;

    @Autowired
    private PlatformTransactionManager transactions;

    private WebhookReceiver receiver;
    private final List<String> registered = new ArrayList<>();

    @BeforeEach
    void receiver() {
        receiver = new WebhookReceiver();
    }

    @AfterEach
    void cleanUp() {
        registered.forEach(webhookId -> api.send(
                api.request(ADMIN, "/api/v1/webhooks/" + webhookId).DELETE().build()));
        receiver.close();
    }

    @Test
    void everyChangeArrivesSignedAndInOrderAcrossFailuresAndAnOutageOfTheReceiver() {
        String webhookId = register(
                "{\"url\":\"%s\",\"changes\":[\"CONSENT_GRANTED\",\"CONSENT_WITHDRAWN\"],\"purposes\":[\"e-marketing\"]}");
        String first = registerContact(uniqueId("hook"));
        String second = registerContact(uniqueId("hook"));
        List<String> expected = new ArrayList<>();

        receiver.mode(Mode.FAIL);
        grant(first, "e-marketing");
        expected.add(first + " CONSENT_GRANTED");
        await().atMost(PATIENCE)
                .until(() -> webhook(webhookId).get("consecutiveFailures").asInt() >= 2);
        receiver.mode(Mode.ACCEPT);
        withdraw(first);
        expected.add(first + " CONSENT_WITHDRAWN");
        grant(second, "e-marketing");
        expected.add(second + " CONSENT_GRANTED");
        await().atMost(PATIENCE).until(() -> ours(Set.of(first, second)).size() == 3);

        receiver.stop();
        withdraw(second);
        expected.add(second + " CONSENT_WITHDRAWN");
        grant(first, "e-marketing");
        expected.add(first + " CONSENT_GRANTED");
        await().atMost(PATIENCE)
                .until(() -> webhook(webhookId).get("consecutiveFailures").asInt() >= 2);
        assertThat(webhook(webhookId).get("lastDeliveryStatus").asText()).isEqualTo("connection-failed");
        receiver.start();

        await().atMost(PATIENCE).until(() -> ours(Set.of(first, second)).size() == expected.size());
        assertThat(ours(Set.of(first, second))).containsExactlyElementsOf(expected);
        assertThat(receiver.deliveries())
                .filteredOn(WebhookReceiver.Delivery::acknowledged)
                .allSatisfy(delivery -> assertThat(delivery.signatureValid()).isTrue());
        assertThat(acknowledgedPositions())
                .as("in order, none again after its 2xx")
                .isSorted()
                .doesNotHaveDuplicates();
        // A batch sent again carries the id it was first sent with; an id always stands for the same changes.
        Map<String, Set<List<Long>>> contentsById = new HashMap<>();
        receiver.deliveries()
                .forEach(delivery -> contentsById
                        .computeIfAbsent(delivery.deliveryId(), id -> new HashSet<>())
                        .add(delivery.changes().stream()
                                .map(change -> change.get("position").asLong())
                                .toList()));
        assertThat(contentsById.values())
                .allSatisfy(contents -> assertThat(contents).hasSize(1));
        assertThat(receiver.deliveries().get(1).deliveryId())
                .as("the failed batch, sent again")
                .isEqualTo(receiver.deliveries().get(0).deliveryId());
        await().atMost(PATIENCE)
                .until(() -> webhook(webhookId).get("consecutiveFailures").asInt() == 0);
        JsonNode status = webhook(webhookId);
        assertThat(status.get("state").asText()).isEqualTo("ACTIVE");
        assertThat(status.get("lastDeliveryStatus").asText()).isEqualTo("200");
        assertThat(status.has("secret")).as("the secret is shown only once").isFalse();
    }

    @Test
    void aChangeThatCommitsLateIsDeliveredInTheFeedsOrderBeforeTheChangesAboveIt() throws Exception {
        String webhookId = register("{\"url\":\"%s\",\"changes\":[\"CONSENT_GRANTED\"]}");
        String slow = registerContact(uniqueId("hook-slow"));
        String fast = registerContact(uniqueId("hook-fast"));
        long fastGrant;
        try (HeldGrant held = HeldGrant.open(eventStore, transactions, slow, eventsOf(slow), INTEGRATOR)) {
            grant(fast, "e-marketing");
            fastGrant = grantPosition(fast);
            // The fast grant is in the change feed's table, above the held grant's open position.
            await().atMost(PATIENCE)
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM change_feed WHERE event_position = ?")
                                    .param(fastGrant)
                                    .query(Long.class)
                                    .single()
                            == 1);

            held.commit();
        }

        long slowGrant = grantPosition(slow);
        assertThat(slowGrant).isLessThan(fastGrant);
        await().atMost(PATIENCE).until(() -> ours(Set.of(slow, fast)).size() == 2);
        assertThat(ours(Set.of(slow, fast)))
                .as("the feed's order: the late commit first, as its position says")
                .containsExactly(slow + " CONSENT_GRANTED", fast + " CONSENT_GRANTED");
        assertThat(acknowledgedPositions()).isSorted().doesNotHaveDuplicates();
        await().atMost(PATIENCE).until(() -> webhook(webhookId).get("lag").asLong() == 0);
    }

    @Test
    void onlyTheChangesAndPurposesAskedForAreDeliveredAndAFilteredOutBatchMovesTheCursorWithoutARequest() {
        String webhookId = register(
                "{\"url\":\"%s\",\"changes\":[\"CONSENT_WITHDRAWN\"],\"purposes\":[\"e-marketing\"],\"from\":\"now\"}");
        String contactId = registerContact(uniqueId("filter"));
        grant(contactId, "e-marketing");
        await().atMost(PATIENCE).until(() -> webhook(webhookId).get("lag").asLong() == 0);
        assertThat(receiver.deliveries()).as("nothing to deliver yet").isEmpty();

        withdraw(contactId);

        await().atMost(PATIENCE).until(() -> ours(Set.of(contactId)).size() == 1);
        assertThat(ours(Set.of(contactId))).containsExactly(contactId + " CONSENT_WITHDRAWN");
        JsonNode change = receiver.acknowledged(contactId::equals).get(0);
        assertThat(change.get("purposeId").asText()).isEqualTo("e-marketing");
        assertThat(change.get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(change.has("name")).as("ids only, no personal data").isFalse();
        assertThat(change.toString()).doesNotContain("ann@example.com").doesNotContain("Ann Smith");
    }

    @Test
    void aReceiverFailingLongerThanPauseAfterIsPausedThenResumedFromItsCursor() {
        String webhookId = register("{\"url\":\"%s\",\"purposes\":[\"e-marketing\"]}");
        String contactId = registerContact(uniqueId("pause"));
        receiver.mode(Mode.FAIL);
        grant(contactId, "e-marketing");

        await().atMost(PATIENCE)
                .until(() -> webhook(webhookId).get("state").asText().equals("PAUSED"));
        JsonNode paused = webhook(webhookId);
        assertThat(paused.get("pausedReason").asText()).isEqualTo("RECEIVER_FAILING");
        assertThat(paused.get("lastDeliveryStatus").asText()).isEqualTo("500");
        assertThat(paused.get("lag").asLong()).as("the change was not skipped").isPositive();
        // The gauges follow the subscribers' rows at each refresh of the registry.
        await().atMost(PATIENCE)
                .until(() -> metric("consent_webhook_paused{webhook=\"" + webhookId + "\"}")
                        .equals("1.0"));
        assertThat(receiver.acknowledged(contactId::equals)).isEmpty();

        receiver.mode(Mode.ACCEPT);
        Api.Response resumed = api.post(ADMIN, "/api/v1/webhooks/" + webhookId + "/resume", "");
        assertThat(resumed.status()).isEqualTo(200);
        assertThat(resumed.json().get("state").asText()).isEqualTo("ACTIVE");

        await().atMost(PATIENCE).until(() -> ours(Set.of(contactId)).size() == 1);
        assertThat(ours(Set.of(contactId))).containsExactly(contactId + " CONSENT_GRANTED");
        await().atMost(PATIENCE)
                .until(() -> metric("consent_webhook_failures_consecutive{webhook=\"" + webhookId + "\"}")
                        .equals("0.0"));
    }

    @Test
    void anAdminPausesAndReplaysFromAPositionWithNewDeliveryIds() {
        String webhookId = register("{\"url\":\"%s\",\"purposes\":[\"e-marketing\"]}");
        long before = webhook(webhookId).get("position").asLong();
        String contactId = registerContact(uniqueId("replay"));
        grant(contactId, "e-marketing");
        withdraw(contactId);
        await().atMost(PATIENCE).until(() -> ours(Set.of(contactId)).size() == 2);
        List<String> firstIds = receiver.deliveries().stream()
                .map(WebhookReceiver.Delivery::deliveryId)
                .toList();

        Api.Response paused = api.post(ADMIN, "/api/v1/webhooks/" + webhookId + "/pause", "");
        assertThat(paused.status()).isEqualTo(200);
        assertThat(paused.json().get("pausedReason").asText()).isEqualTo("PAUSED_BY_ADMIN");
        Api.Response replay =
                api.post(ADMIN, "/api/v1/webhooks/" + webhookId + "/replay", "{\"from\":\"" + before + "\"}");
        assertThat(replay.status()).as(replay.body()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> !webhook(webhookId).has("replayFrom"));
        assertThat(webhook(webhookId).get("position").asLong()).isEqualTo(before);
        assertThat(ours(Set.of(contactId))).as("paused: nothing more").hasSize(2);

        api.post(ADMIN, "/api/v1/webhooks/" + webhookId + "/resume", "");

        await().atMost(PATIENCE).until(() -> ours(Set.of(contactId)).size() == 4);
        assertThat(ours(Set.of(contactId)))
                .containsExactly(
                        contactId + " CONSENT_GRANTED",
                        contactId + " CONSENT_WITHDRAWN",
                        contactId + " CONSENT_GRANTED",
                        contactId + " CONSENT_WITHDRAWN");
        assertThat(receiver.deliveries().stream().skip(firstIds.size()).map(WebhookReceiver.Delivery::deliveryId))
                .doesNotContainAnyElementsOf(firstIds);
    }

    @Test
    void afterARotationEveryDeliveryIsSignedWithTheNewSecret() {
        String webhookId = register("{\"url\":\"%s\",\"purposes\":[\"e-marketing\"]}");
        String contactId = registerContact(uniqueId("rotate"));
        grant(contactId, "e-marketing");
        await().atMost(PATIENCE).until(() -> ours(Set.of(contactId)).size() == 1);

        Api.Response rotated = api.post(ADMIN, "/api/v1/webhooks/" + webhookId + "/rotate-secret", "");
        assertThat(rotated.status()).isEqualTo(200);
        String secret = rotated.json().get("secret").asText();
        assertThat(secret).startsWith("whsec_");
        receiver.secret(secret);
        withdraw(contactId);

        await().atMost(PATIENCE).until(() -> ours(Set.of(contactId)).size() == 2);
        assertThat(receiver.deliveries())
                .last()
                .satisfies(delivery -> assertThat(delivery.signatureValid()).isTrue());
    }

    @Test
    void aRedirectIsNeverFollowedAndCountsAsAFailure() {
        String webhookId = register("{\"url\":\"%s\",\"purposes\":[\"e-marketing\"]}");
        receiver.mode(Mode.REDIRECT);
        grant(registerContact(uniqueId("redirect")), "e-marketing");

        await().atMost(PATIENCE)
                .until(() -> webhook(webhookId).get("consecutiveFailures").asInt() >= 1);
        assertThat(webhook(webhookId).get("lastDeliveryStatus").asText()).isEqualTo("302");
        assertThat(receiver.redirectTargetHits()).isZero();
    }

    @Test
    void registrationIsRefusedForAnUnknownWebhookABadUrlOrABadStartAndDeletionEndsIt() {
        Api.Response notUrl = api.post(ADMIN, "/api/v1/webhooks", "{\"url\":\"ftp://example.com/x\"}");
        assertThat(notUrl.status()).isEqualTo(400);
        assertThat(notUrl.body()).contains("invalid-request").contains("url");
        Api.Response badFrom =
                api.post(ADMIN, "/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"from\":\"yesterday\"}");
        assertThat(badFrom.status()).isEqualTo(400);
        assertThat(badFrom.body()).contains("from");
        Api.Response future =
                api.post(ADMIN, "/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"from\":\"999999999999\"}");
        assertThat(future.status()).isEqualTo(400);
        Api.Response unknownChange = api.post(
                ADMIN, "/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\",\"changes\":[\"NOT_A_CHANGE\"]}");
        assertThat(unknownChange.status()).isEqualTo(400);
        Api.Response unknown = api.get(ADMIN, "/api/v1/webhooks/no-such-webhook");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("urn:consent-ledger:problem:unknown-webhook");

        Api.Response created = api.post(ADMIN, "/api/v1/webhooks", "{\"url\":\"" + receiver.url() + "\"}");
        assertThat(created.status()).isEqualTo(201);
        String webhookId = created.json().get("webhookId").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/webhooks/" + webhookId);
        assertThat(api.get(ADMIN, "/api/v1/webhooks").body()).contains(webhookId);
        assertThat(api.send(api.request(ADMIN, "/api/v1/webhooks/" + webhookId)
                                .DELETE()
                                .build())
                        .status())
                .isEqualTo(204);
        assertThat(api.get(ADMIN, "/api/v1/webhooks/" + webhookId).status()).isEqualTo(404);
        await().atMost(PATIENCE)
                .until(() -> jdbc.sql("SELECT COUNT(*) FROM TokenEntry WHERE processorName = ?")
                                .param("webhook-" + webhookId)
                                .query(Long.class)
                                .single()
                        == 0);
    }

    @Test
    void anAdminRegistersSeesThePausesAndDeletesAReceiverInTheBackOfficeInDanish() throws Exception {
        FormClient browser = new FormClient(port());
        browser.signIn(ADMIN, "admin-secret");
        String csrf = FormClient.csrf(browser.get("/webhooks?lang=da", "da"));

        HttpResponse<String> page = browser.post(
                "/webhooks",
                csrf,
                "url=" + URLEncoder.encode(receiver.url(), StandardCharsets.UTF_8)
                        + "&description=Nyhedsbrev&changes=CONSENT_WITHDRAWN&purposes=e-marketing&from=now");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher secret = Pattern.compile("<code id=\"secret\">(whsec_[A-Za-z0-9_-]+)</code>")
                .matcher(page.body());
        assertThat(secret.find()).as(page.body()).isTrue();
        assertThat(page.body()).contains("den vises ikke igen");
        String webhookId = null;
        for (JsonNode each : api.get(ADMIN, "/api/v1/webhooks").json()) {
            if (each.get("url").asText().equals(receiver.url())) {
                webhookId = each.get("webhookId").asText();
            }
        }
        assertThat(webhookId).isNotNull();
        this.registered.add(webhookId);
        receiver.secret(secret.group(1));
        String contactId = registerContact(uniqueId("page"));
        grant(contactId, "e-marketing");
        api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                "{\"sourceId\":\"email\"}");
        await().atMost(PATIENCE).until(() -> ours(Set.of(contactId)).size() == 1);
        assertThat(receiver.deliveries())
                .allSatisfy(delivery -> assertThat(delivery.signatureValid()).isTrue());

        HttpResponse<String> paused = browser.post("/webhooks/" + webhookId + "/pause", csrf);
        assertThat(FormClient.location(paused)).endsWith("/webhooks");
        HttpResponse<String> list = browser.get("/webhooks", "da");
        assertThat(list.body()).contains("Sat på pause på alle noder").contains("af en administrator");
        assertThat(list.body()).doesNotContain(secret.group(1));
        assertThat(webhook(webhookId).get("state").asText()).isEqualTo("PAUSED");

        HttpResponse<String> refused = browser.post("/webhooks", csrf, "url=ftp%3A%2F%2Fexample.com");
        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("role=\"alert\"").contains("must use https");
        HttpResponse<String> blank = browser.post("/webhooks", csrf, "url=");
        assertThat(blank.body()).contains("id=\"url-error\"");

        browser.post("/webhooks/" + webhookId + "/delete", csrf);
        assertThat(api.get(ADMIN, "/api/v1/webhooks/" + webhookId).status()).isEqualTo(404);
    }

    /** Registers a webhook to the receiver (the body's {@code %s}); the receiver learns its secret. */
    private String register(String body) {
        Api.Response response = api.post(ADMIN, "/api/v1/webhooks", body.formatted(receiver.url()));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode webhook = response.json();
        receiver.secret(webhook.get("secret").asText());
        registered.add(webhook.get("webhookId").asText());
        return webhook.get("webhookId").asText();
    }

    private JsonNode webhook(String webhookId) {
        Api.Response response = api.get(ADMIN, "/api/v1/webhooks/" + webhookId);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    private void withdraw(String contactId) {
        Api.Response response = api.post(
                INTEGRATOR,
                "/api/v1/contacts/" + contactId + "/consents/e-marketing/withdrawal",
                "{\"sourceId\":\"email\"}");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
    }

    /** The acknowledged changes of these contacts, as "contactId CHANGE", in the order they were acknowledged. */
    private List<String> ours(Set<String> contactIds) {
        return receiver.acknowledged(contactIds::contains).stream()
                .map(change -> change.get("contactId").asText() + " "
                        + change.get("change").asText())
                .toList();
    }

    /** The position of the contact's (one) consent grant in the event store. */
    private long grantPosition(String contactId) {
        return jdbc.sql("SELECT globalIndex FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND payloadType LIKE '%.ConsentGranted'")
                .param(contactId)
                .query(Long.class)
                .single();
    }

    private List<Long> acknowledgedPositions() {
        return receiver.acknowledged().stream()
                .map(change -> change.get("position").asLong())
                .toList();
    }

    private String metric(String series) {
        String scrape = api.get(ADMIN, "/actuator/prometheus").body();
        return scrape.lines()
                .filter(line -> line.startsWith(series + " "))
                .map(line -> line.substring(series.length() + 1))
                .findFirst()
                .orElse("absent");
    }
}
