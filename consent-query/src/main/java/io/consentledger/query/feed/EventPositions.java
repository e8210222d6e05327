package io.consentledger.query.feed;

import java.util.Optional;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * An event's own global position in the event store, as a tracking processor's handler sees the event: the position
 * to pass to {@link FeedChanges#of}. Not simply the token's position: the JDBC event store's
 * {@link GapAwareTrackingToken} is at the highest position seen, so an event that fills a gap (it committed after an
 * event with a higher position) would take that higher event's position. For such tokens the position is looked up
 * by the event's id (one indexed read); other tokens (Axon Server's) are at the event's own position.
 */
@Component
public class EventPositions {

    private final JdbcClient jdbc;

    EventPositions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The event's own global position; {@code token} is the one the processor handed with it. */
    public long of(EventMessage<?> event, TrackingToken token) {
        return of(event.getIdentifier(), token);
    }

    /** The global position of the event with this id, tracked with this token (a dead letter's, for one). */
    long of(String eventIdentifier, TrackingToken token) {
        Optional<GapAwareTrackingToken> gapAware = WrappedToken.unwrap(token, GapAwareTrackingToken.class);
        if (gapAware.isEmpty()) {
            return token.position()
                    .orElseThrow(() -> new IllegalStateException("A tracking token without a position: " + token));
        }
        return jdbc.sql("SELECT globalIndex FROM DomainEventEntry WHERE eventIdentifier = ?")
                .param(eventIdentifier)
                .query(Long.class)
                .single();
    }
}
