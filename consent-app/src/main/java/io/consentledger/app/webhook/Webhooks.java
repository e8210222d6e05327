package io.consentledger.app.webhook;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.consentledger.api.RejectionKind;
import io.consentledger.api.consent.Change;
import io.consentledger.app.privacy.SealedSecrets;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Registers and manages webhook subscribers (ADMIN), for the API and the back office alike. */
public class Webhooks {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Subscribers subscribers;
    private final Cursors cursors;
    private final WebhookAddresses addresses;
    private final SealedSecrets secrets;
    private final TokenStore tokenStore;
    private final TransactionTemplate transactions;
    private final WebhookProcessors processors;
    private final Clock clock;

    Webhooks(
            Subscribers subscribers,
            Cursors cursors,
            WebhookAddresses addresses,
            SealedSecrets secrets,
            TokenStore tokenStore,
            PlatformTransactionManager transactions,
            WebhookProcessors processors,
            Clock clock) {
        this.subscribers = subscribers;
        this.cursors = cursors;
        this.addresses = addresses;
        this.secrets = secrets;
        this.tokenStore = tokenStore;
        this.transactions = new TransactionTemplate(transactions);
        this.processors = processors;
        this.clock = clock;
    }

    /**
     * Registers a subscriber whose cursor starts at {@code from} ({@code now}, {@code beginning} or a position) and
     * answers it with its secret, shown only now. Its token is made in the same transaction.
     */
    public Webhook register(
            String url, String description, List<Change> changes, List<String> purposes, String from, String actor) {
        URI checked = addresses.checked(url);
        long position = position(from == null ? "now" : from);
        String webhookId = UUID.randomUUID().toString();
        String secret = WebhookSecrets.generate();
        Subscriber subscriber = new Subscriber(
                webhookId,
                checked.toString(),
                description,
                changes == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(changes)),
                purposes == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(purposes)),
                secrets.seal(WebhookSecrets.owner(webhookId), secret),
                WebhookState.ACTIVE,
                false,
                null,
                null,
                0,
                actor,
                clock.instant(),
                null,
                null,
                0,
                null,
                null);
        transactions.executeWithoutResult(transaction -> {
            subscribers.insert(subscriber);
            tokenStore.initializeTokenSegments(subscriber.processorName(), 1, cursors.tokenAt(position));
        });
        afterCommit(processors::reconcile);
        return withSecret(get(webhookId), subscriber.sealedSecret());
    }

    /**
     * The webhook with its secret as it can be shown: the answers of a registration and a rotation hold the secret
     * sealed as it is stored (so that an answer kept for an {@code Idempotency-Key} is sealed too) until they are
     * shown.
     */
    public Webhook revealed(Webhook webhook) {
        return webhook.secret() == null
                ? webhook
                : withSecret(webhook, secrets.open(WebhookSecrets.owner(webhook.webhookId()), webhook.secret()));
    }

    /** {@link #revealed} for an answer already written as JSON (by {@code IdempotentRequests}). */
    String revealed(String answer) {
        try {
            ObjectNode node = (ObjectNode) JSON.readTree(answer);
            JsonNode secret = node.get("secret");
            if (secret == null) {
                return answer;
            }
            node.put(
                    "secret",
                    secrets.open(WebhookSecrets.owner(node.get("webhookId").asText()), secret.asText()));
            return JSON.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An answer of the webhooks' API is always JSON", e);
        }
    }

    public List<Webhook> list() {
        long head = cursors.head();
        Map<String, Long> positions = cursors.stored();
        return subscribers.listed().stream()
                .map(subscriber -> view(subscriber, head, positions))
                .toList();
    }

    public Webhook get(String webhookId) {
        Subscriber subscriber = subscribers.find(webhookId).orElseThrow(() -> new UnknownWebhook(webhookId));
        return view(subscriber, cursors.head(), cursors.stored());
    }

    /** Stops delivering on every node; the cursor stays. */
    public Webhook pause(String webhookId) {
        changed(webhookId, subscribers.pause(webhookId, PauseReason.PAUSED_BY_ADMIN));
        return get(webhookId);
    }

    /** Delivers again from the cursor, at once. */
    public Webhook resume(String webhookId) {
        changed(webhookId, subscribers.resume(webhookId));
        return get(webhookId);
    }

    /**
     * Moves the cursor to {@code from}: whichever node can claim the token applies it once every node has stopped the
     * processor (at most a refresh, or the claim timeout if a node died holding it); a paused subscriber stays paused.
     */
    public Webhook replay(String webhookId, String from) {
        subscribers.find(webhookId).orElseThrow(() -> new UnknownWebhook(webhookId));
        changed(webhookId, subscribers.requestReset(webhookId, position(from)));
        return get(webhookId);
    }

    /**
     * A new secret, shown only now (sealed until {@link #revealed}); every delivery from now on, on any node, is signed
     * with it.
     */
    public Webhook rotateSecret(String webhookId) {
        String sealed = secrets.seal(WebhookSecrets.owner(webhookId), WebhookSecrets.generate());
        if (!subscribers.rotateSecret(webhookId, sealed)) {
            throw new UnknownWebhook(webhookId);
        }
        return withSecret(get(webhookId), sealed);
    }

    /** Stops delivering everywhere; its token and row go once no node holds the token's claim. */
    public void delete(String webhookId) {
        changed(webhookId, subscribers.markDeleted(webhookId));
    }

    private void changed(String webhookId, boolean found) {
        if (!found) {
            throw new UnknownWebhook(webhookId);
        }
        afterCommit(processors::reconcile);
    }

    /** This node's processors follow a change once it is committed (other nodes' at their next refresh). */
    private static void afterCommit(Runnable action) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    action.run();
                }
            });
        } else {
            action.run();
        }
    }

    /**
     * {@code now} (the position up to which the feed is final), {@code beginning} (-1) or a position up to the newest
     * in the store.
     */
    private long position(String from) {
        if (from.equals("now")) {
            return cursors.now();
        }
        long head = cursors.head();
        if (from.equals("beginning")) {
            return Cursors.BEGINNING;
        }
        long position;
        try {
            position = Long.parseLong(from);
        } catch (NumberFormatException e) {
            throw new InvalidFrom("must be now, beginning or a position (a whole number)");
        }
        if (position < Cursors.BEGINNING || position > head) {
            throw new InvalidFrom("must be a position from -1 up to the newest, " + head);
        }
        return position;
    }

    private Webhook view(Subscriber subscriber, long head, Map<String, Long> positions) {
        long position = positions.getOrDefault(subscriber.processorName(), Cursors.BEGINNING);
        return new Webhook(
                subscriber.webhookId(),
                subscriber.url(),
                subscriber.description(),
                subscriber.changes(),
                subscriber.purposes(),
                subscriber.state(),
                subscriber.pausedReason(),
                position,
                Math.max(head - position, 0),
                subscriber.resetTo(),
                subscriber.lastDeliveryAt(),
                subscriber.lastDeliveryStatus(),
                subscriber.consecutiveFailures(),
                subscriber.failingSince(),
                subscriber.nextAttemptAt(),
                subscriber.createdBy(),
                subscriber.createdAt(),
                null);
    }

    private static Webhook withSecret(Webhook webhook, String secret) {
        return new Webhook(
                webhook.webhookId(),
                webhook.url(),
                webhook.description(),
                webhook.changes(),
                webhook.purposes(),
                webhook.state(),
                webhook.pausedReason(),
                webhook.position(),
                webhook.lag(),
                webhook.replayFrom(),
                webhook.lastDeliveryAt(),
                webhook.lastDeliveryStatus(),
                webhook.consecutiveFailures(),
                webhook.failingSince(),
                webhook.nextAttemptAt(),
                webhook.createdBy(),
                webhook.createdAt(),
                secret);
    }

    /** A {@code from} that is neither {@code now}, {@code beginning} nor a position in the store. */
    static final class InvalidFrom extends io.consentledger.api.Rejection {
        InvalidFrom(String message) {
            super(RejectionKind.INVALID_REQUEST, "from " + message, "from");
        }
    }
}
