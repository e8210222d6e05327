package io.consentledger.command.profile;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the profile-page links.
 *
 * @param baseUrl where people reach the service, e.g. {@code https://privacy.example.com}
 * @param linkTtl how long a link works
 * @param secret the key links are sealed with. Empty: the first node to start makes one and keeps it in the database,
 *     where every node sharing it finds it
 */
@ConfigurationProperties("consent.profile")
public record ProfileSettings(
        @DefaultValue("http://localhost:8080") String baseUrl,
        @DefaultValue("21d") Duration linkTtl,
        String secret) {}
