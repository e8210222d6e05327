package io.consentledger.command.confirmation;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How confirmation emails are written and retried. The SMTP server itself is Spring's {@code spring.mail.*}.
 *
 * @param from the sender address
 * @param replyTo where replies go, e.g. the privacy officer
 * @param companyName who "we" are in the email
 * @param contact how the person reaches the company about their data
 * @param defaultLocale the language of contacts registered without one
 * @param firstRetry the wait after the first failed attempt; it doubles on every further failure
 * @param maxRetryInterval the longest wait between two attempts
 * @param templateDir a directory of extra or replacement email templates, searched before the built-in ones
 */
@ConfigurationProperties("consent.mail")
public record MailSettings(
        @DefaultValue("privacy@example.com") String from,
        String replyTo,
        @DefaultValue("Example Company") String companyName,
        @DefaultValue("privacy@example.com") String contact,
        @DefaultValue("en") Locale defaultLocale,
        @DefaultValue("1m") Duration firstRetry,
        @DefaultValue("1h") Duration maxRetryInterval,
        Path templateDir) {

    /** The wait before the next attempt after {@code failedAttempts} failures: doubling, capped. */
    public Duration retryAfter(int failedAttempts) {
        Duration wait = firstRetry;
        for (int i = 1; i < failedAttempts && wait.compareTo(maxRetryInterval) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : wait;
    }
}
