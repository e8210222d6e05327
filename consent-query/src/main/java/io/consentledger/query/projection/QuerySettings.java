package io.consentledger.query.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the read side.
 *
 * @param maxWait how long a read with {@code wait=true} waits for its projection to catch up before answering 503
 */
@ConfigurationProperties("consent.query")
public record QuerySettings(@DefaultValue("10s") Duration maxWait) {}
