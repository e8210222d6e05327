package io.consentledger.app.webhook;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How webhooks are delivered.
 *
 * @param allowPrivateAddresses {@code true} only for tests and local use: URLs may then be plain {@code http} and
 *     point at loopback, private and other special addresses, which are otherwise refused at registration and at
 *     every delivery (the name is resolved each time: DNS rebinding)
 * @param connectTimeout how long a delivery waits to connect to the receiver
 * @param responseTimeout how long a delivery waits for the receiver's answer; keep connect plus response well below
 *     {@code axon.eventhandling.tokenstore.claim-timeout}, or another node may take the subscriber over mid-delivery
 * @param firstRetry the wait after a first failed delivery; it doubles with each further failure (with up to 20 %
 *     jitter), up to {@code maxRetryInterval}
 * @param maxRetryInterval the longest wait between two attempts
 * @param pauseAfter a receiver that has failed for longer than this is paused: nothing more is tried until an admin
 *     resumes it, from its cursor; nothing is skipped
 * @param batchSize the most changes in one delivery (events per batch of the subscriber's tracking processor)
 * @param refreshInterval how often every node reads the subscribers (registered, paused, deleted on any node) and
 *     starts or stops their processors; also the granularity of the retry waits
 * @param maxResponseBytes the most of a receiver's answer that is read (and thrown away)
 */
@ConfigurationProperties("consent.webhooks")
public record WebhookSettings(
        @DefaultValue("false") boolean allowPrivateAddresses,
        @DefaultValue("2s") Duration connectTimeout,
        @DefaultValue("5s") Duration responseTimeout,
        @DefaultValue("1s") Duration firstRetry,
        @DefaultValue("5m") Duration maxRetryInterval,
        @DefaultValue("24h") Duration pauseAfter,
        @DefaultValue("100") int batchSize,
        @DefaultValue("1s") Duration refreshInterval,
        @DefaultValue("1024") int maxResponseBytes) {}
