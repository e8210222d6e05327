package io.consentledger.app.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.api.feed.FeedChange;
import io.consentledger.app.privacy.SealedSecrets;
import io.consentledger.query.feed.ChangeFeedSource;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a subscriber's tracking processor does with a batch of the change feed's changes ({@link ChangeFeedSource}: the
 * feed's changes in the feed's order): those that pass the subscriber's filters are posted as one signed request
 * before the batch's transaction commits with the new token. A 2xx lets it commit; anything else rolls the batch back (the cursor
 * stays), records the failure and when to try next, and pauses a receiver failing for longer than
 * {@code pause-after}. A batch whose changes are all filtered out commits without a request.
 */
final class Deliveries {

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    /** The delivery's body: {@code {"webhookId", "deliveryId", "changes": [...]}}. */
    record Batch(String webhookId, String deliveryId, List<FeedChange> changes) {}

    /** The changes one batch of events collects for one subscriber. */
    private static final class Collected {
        final Subscriber subscriber;
        final List<FeedChange> changes = new ArrayList<>();

        Collected(Subscriber subscriber) {
            this.subscriber = subscriber;
        }
    }

    private final Subscribers subscribers;
    private final SealedSecrets secrets;
    private final ReceiverClient client;
    private final ObjectMapper json;
    private final WebhookSettings settings;
    private final WebhookMetrics metrics;
    private final Clock clock;
    private final TransactionTemplate separately;

    Deliveries(
            Subscribers subscribers,
            SealedSecrets secrets,
            ReceiverClient client,
            ObjectMapper json,
            WebhookSettings settings,
            WebhookMetrics metrics,
            Clock clock,
            PlatformTransactionManager transactions) {
        this.subscribers = subscribers;
        this.secrets = secrets;
        this.client = client;
        this.json = json;
        this.settings = settings;
        this.metrics = metrics;
        this.clock = clock;
        this.separately = new TransactionTemplate(transactions);
        this.separately.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** The event handler of one subscriber's processor, which reads the change feed ({@link ChangeFeedSource}). */
    EventMessageHandler handlerFor(String webhookId) {
        String resource = Deliveries.class.getName() + "/" + webhookId;
        return event -> {
            UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
            Collected collected = batch.getOrComputeResource(resource, key -> started(webhookId, batch));
            if (event.getPayload() instanceof FeedChange change && collected.subscriber.wants(change)) {
                collected.changes.add(change);
            }
            return null;
        };
    }

    /**
     * A batch begins: the subscriber as it stands now on any node (its secret just rotated, it paused, it deleted...);
     * one that is not to be delivered to now rolls the batch back, and this node's refresh stops its processor.
     */
    private Collected started(String webhookId, UnitOfWork<?> batch) {
        Subscriber subscriber = subscribers
                .find(webhookId)
                .filter(found -> found.runnable(clock.instant()))
                .orElseThrow(() -> new NotDeliverableNow(webhookId));
        Collected collected = new Collected(subscriber);
        batch.onPrepareCommit(unitOfWork -> deliver(collected));
        return collected;
    }

    private void deliver(Collected collected) {
        if (collected.changes.isEmpty()) {
            return;
        }
        Subscriber subscriber = collected.subscriber;
        List<FeedChange> changes = collected.changes;
        String deliveryId = deliveryId(subscriber, changes);
        byte[] body;
        try {
            body = json.writeValueAsBytes(new Batch(subscriber.webhookId(), deliveryId, changes));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A batch of feed changes is always JSON", e);
        }
        Instant now = clock.instant();
        String secret = secrets.open(WebhookSecrets.owner(subscriber.webhookId()), subscriber.sealedSecret());
        ReceiverClient.Answer answer =
                client.post(URI.create(subscriber.url()), deliveryId, secret, body, now.getEpochSecond());
        if (answer.delivered()) {
            subscribers.recordSuccess(subscriber.webhookId(), clock.instant(), answer.status());
            metrics.delivered(subscriber.webhookId());
            return;
        }
        metrics.failed(subscriber.webhookId());
        failed(subscriber, answer.status());
        throw new DeliveryFailed(subscriber.webhookId(), answer.status());
    }

    /**
     * The same changes delivered again (a retry, on any node) get the same id; a replay asked for later gives new
     * ones.
     */
    static String deliveryId(Subscriber subscriber, List<FeedChange> changes) {
        String name = subscriber.webhookId() + "/" + subscriber.replays() + "/"
                + changes.get(0).position() + "-"
                + changes.get(changes.size() - 1).position() + "/" + changes.size();
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /**
     * Records the failure in a transaction of its own (the batch's rolls back): when to try next, doubling from
     * {@code first-retry} up to {@code max-retry-interval} less up to a fifth at random, so that receivers that failed
     * together are not retried together; paused once it has failed for longer than {@code pause-after}.
     */
    private void failed(Subscriber subscriber, String status) {
        Instant now = clock.instant();
        int failures = subscriber.consecutiveFailures() + 1;
        Instant failingSince = subscriber.failingSince() == null ? now : subscriber.failingSince();
        Instant next = now.plus(backOff(failures));
        boolean pause = Duration.between(failingSince, now).compareTo(settings.pauseAfter()) >= 0;
        separately.executeWithoutResult(transaction -> {
            subscribers.recordFailure(subscriber.webhookId(), now, status, failures, failingSince, next);
            if (pause) {
                subscribers.pause(subscriber.webhookId(), PauseReason.RECEIVER_FAILING);
            }
        });
        if (pause) {
            log.warn(
                    "Webhook {} paused: its receiver has failed since {} ({} attempts in a row, last: {}); resume it to"
                            + " deliver from its cursor",
                    subscriber.webhookId(),
                    failingSince,
                    failures,
                    status);
        } else {
            log.info(
                    "Webhook {}: delivery failed ({}), attempt {} in a row; next at {}",
                    subscriber.webhookId(),
                    status,
                    failures,
                    next);
        }
    }

    Duration backOff(int failures) {
        long first = settings.firstRetry().toMillis();
        long max = settings.maxRetryInterval().toMillis();
        long doubled = failures >= 40 ? max : Math.min(max, first << Math.min(failures - 1, 40));
        long jitter = (long) (doubled * 0.2 * ThreadLocalRandom.current().nextDouble());
        return Duration.ofMillis(Math.max(doubled - jitter, 1));
    }

    /** A delivery that got no 2xx: the batch rolls back and the cursor stays. No stack trace: it is not a fault. */
    static final class DeliveryFailed extends RuntimeException {
        DeliveryFailed(String webhookId, String status) {
            super(
                    "Webhook " + webhookId + ": the receiver did not accept the delivery (" + status + ")",
                    null,
                    false,
                    false);
        }
    }

    /** The subscriber is paused, deleted, replaying or waiting for its next attempt: the batch rolls back. */
    static final class NotDeliverableNow extends RuntimeException {
        NotDeliverableNow(String webhookId) {
            super("Webhook " + webhookId + " is not to be delivered to now", null, false, false);
        }
    }
}
