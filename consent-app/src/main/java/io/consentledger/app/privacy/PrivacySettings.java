package io.consentledger.app.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the contacts' keys.
 *
 * @param cachedKeys how many contacts' keys a node keeps in memory
 * @param keyCacheTtl how long a node trusts its copy of a key; a contact forgotten on another node sharing the
 *     database is unreadable here at the latest after this time
 */
@ConfigurationProperties("consent.privacy")
public record PrivacySettings(
        @DefaultValue("10000") int cachedKeys,
        @DefaultValue("30s") Duration keyCacheTtl) {}
