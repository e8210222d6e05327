package io.consentledger.app.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far writes may run ahead of the read models. A write to the API waits while the read models are more than
 * {@code maxBacklog} events behind the event store, for at most {@code maxWait}; then it goes ahead anyway: a write
 * is delayed, never refused, for it (a withdrawal always goes through).
 *
 * @param maxBacklog events the read models may be behind before writes wait for them
 * @param maxWait the longest a write waits
 */
@ConfigurationProperties("consent.write-admission")
public record WriteAdmissionSettings(
        @DefaultValue("500") long maxBacklog,
        @DefaultValue("1s") Duration maxWait) {}
