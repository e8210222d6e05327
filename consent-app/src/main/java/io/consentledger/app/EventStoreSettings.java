package io.consentledger.app;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the embedded event store (the JDBC one, not Axon Server) finds new events.
 *
 * @param pollInterval how long a caught-up reader waits before it looks for events that other nodes stored: a node
 *     learns of its own commits at once, of other nodes' within this, so it bounds the projections' lag on several
 *     nodes. Each look is one indexed query per node
 */
@ConfigurationProperties("consent.event-store")
public record EventStoreSettings(@DefaultValue("100ms") Duration pollInterval) {}
