package io.consentledger.command.contact;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of double opt-in.
 *
 * @param lapseAfter how long a consent waits for the person's confirmation before it lapses; the link in the email
 *     works as long
 */
@ConfigurationProperties("consent.double-opt-in")
public record DoubleOptInSettings(@DefaultValue("7d") Duration lapseAfter) {}
