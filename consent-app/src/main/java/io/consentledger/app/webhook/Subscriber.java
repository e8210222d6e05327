package io.consentledger.app.webhook;

import io.consentledger.api.consent.Change;
import io.consentledger.api.feed.FeedChange;
import java.time.Instant;
import java.util.List;

/**
 * A webhook subscriber as stored: where to deliver, what (empty filters: everything), its sealed secret, its state and
 * how deliveries are going. {@code deleted} subscribers are on their way out (their tokens are being removed).
 */
record Subscriber(
        String webhookId,
        String url,
        String description,
        List<Change> changes,
        List<String> purposes,
        String sealedSecret,
        WebhookState state,
        boolean deleted,
        PauseReason pausedReason,
        Long resetTo,
        int replays,
        String createdBy,
        Instant createdAt,
        Instant lastDeliveryAt,
        String lastDeliveryStatus,
        int consecutiveFailures,
        Instant failingSince,
        Instant nextAttemptAt) {

    /** The name of its tracking processor, whose token in Axon's token store is its cursor. */
    String processorName() {
        return processorName(webhookId);
    }

    static String processorName(String webhookId) {
        return "webhook-" + webhookId;
    }

    /**
     * Whether the change passes the filters. A change without a purpose (an erasure) concerns every purpose, so it
     * passes a purpose filter.
     */
    boolean wants(FeedChange change) {
        if (!changes.isEmpty() && !changes.contains(change.change())) {
            return false;
        }
        return purposes.isEmpty() || change.purposeId() == null || purposes.contains(change.purposeId());
    }

    /** Whether its processor should run now: active, no replay waiting to be applied, and its next attempt due. */
    boolean runnable(Instant now) {
        return !deleted
                && state == WebhookState.ACTIVE
                && resetTo == null
                && (nextAttemptAt == null || !now.isBefore(nextAttemptAt));
    }
}
