package io.consentledger.app.privacy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the contacts' keys.
 *
 * @param cachedKeys how many contacts' keys a node keeps in memory
 * @param keyCacheTtl how long a node trusts its copy of a key; a contact erased on another node sharing the
 *     database is unreadable here at the latest after this time
 * @param keyEncryptionKey optional: 32 bytes, Base64, from outside the database (an environment variable or a secret
 *     store); when set, the contacts' keys are stored encrypted with it, so the database alone (a dump, a backup)
 *     opens no personal data; the same on every node
 */
@ConfigurationProperties("consent.privacy")
public record PrivacySettings(
        @DefaultValue("10000") int cachedKeys,
        @DefaultValue("30s") Duration keyCacheTtl,
        String keyEncryptionKey) {}
