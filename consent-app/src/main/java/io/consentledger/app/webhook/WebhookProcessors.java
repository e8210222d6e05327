package io.consentledger.app.webhook;

import io.consentledger.query.feed.ChangeFeedSource;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.UnableToClaimTokenException;
import org.axonframework.lifecycle.Phase;
import org.axonframework.messaging.StreamableMessageSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one Axon {@link TrackingEventProcessor} per active subscriber on every node, on the change feed
 * ({@link ChangeFeedSource}: its changes in its order, gap-safe), with its token in the shared token store as its cursor: the token's claim lets exactly one node deliver to a subscriber at a
 * time, and another takes over when that node dies ({@code claim-timeout}). Every node reads the subscribers every
 * {@code refresh-interval} and starts or stops its processors to match (registered, paused, resumed, deleted on any
 * node; a failing receiver's next attempt due). A replay or a deletion is applied to the token by whichever node can
 * claim it once every node has stopped the processor.
 */
final class WebhookProcessors implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(WebhookProcessors.class);

    private final Subscribers subscribers;
    private final Deliveries deliveries;
    private final Cursors cursors;
    private final WebhookMetrics metrics;
    private final ChangeFeedSource feed;
    private final TokenStore tokenStore;
    private final TransactionManager axonTransactions;
    private final TransactionTemplate transactions;
    private final WebhookSettings settings;
    private final Clock clock;

    private final Map<String, TrackingEventProcessor> running = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> stopping = new ConcurrentHashMap<>();
    private boolean started;

    WebhookProcessors(
            Subscribers subscribers,
            Deliveries deliveries,
            Cursors cursors,
            WebhookMetrics metrics,
            ChangeFeedSource feed,
            TokenStore tokenStore,
            TransactionManager axonTransactions,
            PlatformTransactionManager transactions,
            WebhookSettings settings,
            Clock clock) {
        this.subscribers = subscribers;
        this.deliveries = deliveries;
        this.cursors = cursors;
        this.metrics = metrics;
        this.feed = feed;
        this.tokenStore = tokenStore;
        this.axonTransactions = axonTransactions;
        this.transactions = new TransactionTemplate(transactions);
        this.settings = settings;
        this.clock = clock;
    }

    @Scheduled(
            fixedDelayString = "${consent.webhooks.refresh-interval:1s}",
            initialDelayString = "${consent.webhooks.refresh-interval:1s}")
    void refresh() {
        reconcile();
    }

    /** Starts and stops this node's processors to match the subscribers as stored; applies waiting replays. */
    synchronized void reconcile() {
        if (!started) {
            return;
        }
        stopping.entrySet().removeIf(entry -> entry.getValue().isDone());
        Instant now = clock.instant();
        List<Subscriber> all = subscribers.all();
        Map<String, Subscriber> byId = new HashMap<>();
        for (Subscriber subscriber : all) {
            String webhookId = subscriber.webhookId();
            byId.put(webhookId, subscriber);
            boolean runnable = subscriber.runnable(now);
            TrackingEventProcessor processor = running.get(webhookId);
            // A processor whose batch failed waits by Axon's own back-off (1 s doubling to 60 s); stopped and started
            // again when the subscriber's next attempt is due, it follows first-retry and max-retry-interval instead.
            if (processor != null && (!runnable || processor.isError())) {
                stop(webhookId);
            }
            boolean idle = !running.containsKey(webhookId) && !stopping.containsKey(webhookId);
            if (!idle) {
                continue;
            }
            if (subscriber.deleted()) {
                removeTokenOf(subscriber);
            } else if (subscriber.resetTo() != null) {
                applyReplay(subscriber);
            } else if (runnable) {
                start(subscriber);
            }
        }
        for (String webhookId : new ArrayList<>(running.keySet())) {
            if (!byId.containsKey(webhookId)) {
                stop(webhookId);
            }
        }
        updateMetrics(all);
    }

    private void start(Subscriber subscriber) {
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name(subscriber.processorName())
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder()
                        .eventHandlers(deliveries.handlerFor(subscriber.webhookId()))
                        .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                        .build())
                .errorHandler(PropagatingErrorHandler.instance())
                .messageSource(feed)
                .tokenStore(tokenStore)
                .transactionManager(axonTransactions)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(settings.batchSize())
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken)
                        .andTokenClaimInterval(settings.refreshInterval().toMillis(), TimeUnit.MILLISECONDS))
                .build();
        processor.start();
        running.put(subscriber.webhookId(), processor);
    }

    /** Stops the processor without waiting for a delivery in flight; it releases its claim when it has stopped. */
    private void stop(String webhookId) {
        TrackingEventProcessor processor = running.remove(webhookId);
        if (processor != null) {
            stopping.put(webhookId, processor.shutdownAsync());
        }
    }

    /** Moves the token to the replay's position; another node still holding its claim lets this wait a refresh. */
    private void applyReplay(Subscriber subscriber) {
        String name = subscriber.processorName();
        long position = subscriber.resetTo();
        try {
            transactions.executeWithoutResult(transaction -> {
                if (tokenStore.fetchSegments(name).length == 0) {
                    tokenStore.initializeTokenSegments(name, 1, cursors.tokenAt(position));
                } else {
                    tokenStore.fetchToken(name, 0);
                    tokenStore.storeToken(cursors.tokenAt(position), name, 0);
                    tokenStore.releaseClaim(name, 0);
                }
                subscribers.resetApplied(subscriber.webhookId(), position);
            });
        } catch (UnableToClaimTokenException e) {
            log.debug("Webhook {}: another node still holds the cursor; the replay waits", subscriber.webhookId());
        }
    }

    /** Deletes a deleted subscriber's token, then the subscriber, once no node holds the token's claim. */
    private void removeTokenOf(Subscriber subscriber) {
        String name = subscriber.processorName();
        try {
            transactions.executeWithoutResult(transaction -> {
                if (tokenStore.fetchSegments(name).length > 0) {
                    tokenStore.fetchToken(name, 0);
                    tokenStore.deleteToken(name, 0);
                }
                subscribers.remove(subscriber.webhookId());
            });
        } catch (UnableToClaimTokenException e) {
            log.debug("Webhook {}: another node still holds the cursor; the deletion waits", subscriber.webhookId());
        }
    }

    private void updateMetrics(List<Subscriber> all) {
        long head = cursors.head();
        Map<String, Long> positions = cursors.stored();
        Map<String, WebhookMetrics.Figures> figures = new HashMap<>();
        for (Subscriber subscriber : all) {
            if (subscriber.deleted()) {
                continue;
            }
            long position = positions.getOrDefault(subscriber.processorName(), Cursors.BEGINNING);
            figures.put(
                    subscriber.webhookId(),
                    new WebhookMetrics.Figures(
                            Math.max(head - position, 0),
                            subscriber.consecutiveFailures(),
                            subscriber.state() == WebhookState.PAUSED));
        }
        metrics.update(figures);
    }

    /** Whether this node runs the subscriber's processor now (for tests and the status page). */
    boolean runsHere(String webhookId) {
        return running.containsKey(webhookId);
    }

    @Override
    public synchronized void start() {
        started = true;
        reconcile();
    }

    @Override
    public void stop() {
        List<CompletableFuture<Void>> stops;
        synchronized (this) {
            started = false;
            new ArrayList<>(running.keySet()).forEach(this::stop);
            stops = new ArrayList<>(stopping.values());
        }
        for (CompletableFuture<Void> stop : stops) {
            try {
                stop.get(
                        settings.connectTimeout()
                                        .plus(settings.responseTimeout())
                                        .toMillis()
                                + 5_000,
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                log.warn("A webhook processor did not stop cleanly", e);
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return started;
    }

    /** After Axon's own processors start (the event and token stores are up), and stopped before them. */
    @Override
    public int getPhase() {
        return Phase.INBOUND_EVENT_CONNECTORS + 1;
    }
}
