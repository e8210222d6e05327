package io.consentledger.command.profile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the profile-page links.
 *
 * @param baseUrl where people reach the service, e.g. {@code https://privacy.example.com}
 * @param linkTtl how long a link works
 * @param secret the key links are sealed with; every node must have the same. Empty: one is made on first start and
 *     kept in the data directory
 */
@ConfigurationProperties("consent.profile")
public record ProfileSettings(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("21d") Duration linkTtl,
        String secret) {}
