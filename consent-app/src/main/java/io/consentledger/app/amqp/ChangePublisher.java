package io.consentledger.app.amqp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.api.feed.FeedChange;
import io.consentledger.query.feed.ChangeFeedSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CorrelationData;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

/**
 * The {@code amqp-publisher} tracking processor's handler: the processor reads the change feed
 * ({@link ChangeFeedSource}: its changes in its order, gap-safe) and this publishes each batch's changes, in that
 * order, on one channel to the topic exchange. Before the batch commits — and with it the processor's
 * token — it waits until the broker has confirmed every message; a negative confirm, no confirm within
 * {@code consent.amqp.confirm-timeout}, a lost connection or a broker that cannot be reached fails the batch, so the
 * processor rolls it back and publishes it again after a pause (Axon's back-off): at least once, never skipped.
 * Consumers drop the repeats by {@code message-id}, the change's position.
 *
 * <p>A message no binding routes anywhere is confirmed too, and counted ({@link AmqpConfiguration}), not retried.
 */
@ProcessingGroup(ChangePublisher.PROCESSING_GROUP)
class ChangePublisher {

    static final String PROCESSING_GROUP = "amqp-publisher";

    /** The {@code app-id} of every message. */
    static final String APP_ID = "consent-ledger";

    private static final String PENDING = ChangePublisher.class.getName() + ".pending";

    private final RabbitTemplate template;
    private final ObjectMapper json;
    private final AmqpSettings settings;

    ChangePublisher(RabbitTemplate template, ObjectMapper json, AmqpSettings settings) {
        this.template = template;
        this.json = json;
        this.settings = settings;
    }

    /**
     * Collects the change for the batch; the batch publishes them when it is about to commit. Not on replay: a reset of
     * this processor must not republish history (see docs/operations.md for how to republish).
     */
    @EventHandler
    @DisallowReplay
    void on(FeedChange change, UnitOfWork<?> unitOfWork) {
        pending(unitOfWork).add(change);
    }

    /** The batch's changes, in order; the first change of a batch arranges their publishing before its commit. */
    private List<FeedChange> pending(UnitOfWork<?> unitOfWork) {
        UnitOfWork<?> batch = unitOfWork.root();
        return batch.getOrComputeResource(PENDING, key -> {
            List<FeedChange> changes = new ArrayList<>();
            batch.onPrepareCommit(committing -> publish(changes));
            return changes;
        });
    }

    /**
     * Sends the changes on one channel (so that they reach the exchange in this order), then waits for every confirm;
     * throws, and so rolls back the batch with its token, unless the broker confirmed them all.
     */
    void publish(List<FeedChange> changes) {
        List<CorrelationData> sent = template.invoke(operations -> {
            List<CorrelationData> correlations = new ArrayList<>(changes.size());
            for (FeedChange change : changes) {
                CorrelationData correlation = new CorrelationData(Long.toString(change.position()));
                operations.send(settings.exchange(), routingKey(change), message(change), correlation);
                correlations.add(correlation);
            }
            return correlations;
        });
        long deadline = System.nanoTime() + settings.confirmTimeout().toNanos();
        for (CorrelationData correlation : sent) {
            CorrelationData.Confirm confirm = confirmOf(correlation, deadline);
            if (!confirm.isAck()) {
                throw new PublishNotConfirmed(
                        correlation.getId(),
                        confirm.getReason() == null
                                ? "the broker refused it (a full queue that rejects publishes, or an internal error)"
                                : confirm.getReason());
            }
        }
    }

    private CorrelationData.Confirm confirmOf(CorrelationData correlation, long deadline) {
        try {
            return correlation.getFuture().get(Math.max(deadline - System.nanoTime(), 0), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new PublishNotConfirmed(
                    correlation.getId(),
                    "no confirm within " + settings.confirmTimeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            throw new PublishNotConfirmed(correlation.getId(), e.getCause().toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PublishNotConfirmed(correlation.getId(), "interrupted while waiting for its confirm");
        }
    }

    /**
     * {@code <change>.<purposeId>}, e.g. {@code CONSENT_WITHDRAWN.e-marketing}; an erasure, which concerns every
     * purpose, is {@code CONTACT_ERASED} alone (purpose ids are slugs, so a key has at most two words).
     */
    static String routingKey(FeedChange change) {
        String kind = change.change().name();
        return change.purposeId() == null ? kind : kind + "." + change.purposeId();
    }

    /** The change as JSON, persistent, identified by its position (the consumers' key for dropping repeats). */
    Message message(FeedChange change) {
        MessageProperties properties = new MessageProperties();
        properties.setMessageId(Long.toString(change.position()));
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setContentEncoding("UTF-8");
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setType(change.change().name());
        properties.setTimestamp(Date.from(change.recordedAt()));
        properties.setAppId(APP_ID);
        try {
            return new Message(json.writeValueAsBytes(change), properties);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A feed change that cannot be written as JSON", e);
        }
    }
}
