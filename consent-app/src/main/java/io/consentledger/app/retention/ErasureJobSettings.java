package io.consentledger.app.retention;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How bulk erasure jobs show that they are alive.
 *
 * @param heartbeat how often a running job writes its progress (and its node's queued jobs their heartbeat)
 * @param staleAfter a queued or running job whose heartbeat is older than this is {@code INTERRUPTED}: its node stopped.
 *     Keep it well above {@code heartbeat}; a job found interrupted stops at its next heartbeat if its node still runs
 */
@ConfigurationProperties("consent.retention.erasure-jobs")
public record ErasureJobSettings(
        @DefaultValue("5s") Duration heartbeat,
        @DefaultValue("1m") Duration staleAfter) {}
