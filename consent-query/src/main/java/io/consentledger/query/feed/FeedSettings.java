package io.consentledger.query.feed;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the change feed.
 *
 * @param maxWaitingReaders how many readers a node lets wait at once for changes ({@code wait} > 0): each holds a
 *     request thread while it waits; one more is refused with 503 {@code too-many-waiting-readers}
 * @param pollInterval how often a waiting reader looks for new changes (on any node's processor: it reads the
 *     database)
 * @param gapTimeout how long a position the event store skipped may still fill with an event committed late: Axon's
 *     gap timeout of the JDBC event store (a minute unless configured otherwise); the feed holds back what lies above
 *     such a gap that long
 */
@ConfigurationProperties("consent.feed")
public record FeedSettings(
        @DefaultValue("50") int maxWaitingReaders,
        @DefaultValue("100ms") Duration pollInterval,
        @DefaultValue("60s") Duration gapTimeout) {}
