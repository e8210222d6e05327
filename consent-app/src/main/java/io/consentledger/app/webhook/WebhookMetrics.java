package io.consentledger.app.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each subscriber's lag (positions of the event store it is behind), consecutive failures and whether it is paused,
 * as gauges tagged with its webhook id (an opaque id: few subscribers, no personal data), updated by every node's
 * refresh; and the deliveries this node made, by outcome.
 */
final class WebhookMetrics {

    static final String LAG = "consent.webhook.lag.events";
    static final String FAILURES = "consent.webhook.failures.consecutive";
    static final String PAUSED = "consent.webhook.paused";
    static final String DELIVERIES = "consent.webhook.deliveries";

    /** A subscriber's figures as of the last refresh. */
    record Figures(long lag, int consecutiveFailures, boolean paused) {}

    private final MeterRegistry registry;
    private final Map<String, Figures> figures = new ConcurrentHashMap<>();
    private final Map<String, List<Meter>> meters = new ConcurrentHashMap<>();

    WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The figures of every subscriber there is; the meters of those gone are removed. */
    void update(Map<String, Figures> current) {
        figures.putAll(current);
        for (String webhookId : Set.copyOf(meters.keySet())) {
            if (!current.containsKey(webhookId)) {
                meters.remove(webhookId).forEach(registry::remove);
                figures.remove(webhookId);
            }
        }
        current.keySet().forEach(webhookId -> meters.computeIfAbsent(webhookId, this::register));
    }

    void delivered(String webhookId) {
        deliveries(webhookId, "delivered").increment();
    }

    void failed(String webhookId) {
        deliveries(webhookId, "failed").increment();
    }

    private Counter deliveries(String webhookId, String outcome) {
        return Counter.builder(DELIVERIES)
                .description("Batches this node posted to the subscriber's receiver, by outcome (a 2xx or not)")
                .tag("webhook", webhookId)
                .tag("outcome", outcome)
                .register(registry);
    }

    private List<Meter> register(String webhookId) {
        List<Meter> registered = new ArrayList<>();
        registered.add(Gauge.builder(LAG, figures, all -> value(all, webhookId, Figures::lag))
                .description("Positions of the event store the webhook subscriber's cursor is behind the newest event")
                .tag("webhook", webhookId)
                .register(registry));
        registered.add(Gauge.builder(FAILURES, figures, all -> value(all, webhookId, Figures::consecutiveFailures))
                .description("Deliveries to the webhook subscriber that failed in a row since its last 2xx")
                .tag("webhook", webhookId)
                .register(registry));
        registered.add(Gauge.builder(PAUSED, figures, all -> value(all, webhookId, f -> f.paused() ? 1 : 0))
                .description("1 while the webhook subscriber is paused (by an admin or after failing too long)")
                .tag("webhook", webhookId)
                .register(registry));
        registered.add(deliveries(webhookId, "delivered"));
        registered.add(deliveries(webhookId, "failed"));
        return registered;
    }

    private static double value(
            Map<String, Figures> all, String webhookId, java.util.function.ToDoubleFunction<Figures> figure) {
        Figures current = all.get(webhookId);
        return current == null ? Double.NaN : figure.applyAsDouble(current);
    }
}
