package io.consentledger.query.feed;

import static io.consentledger.query.Rows.utc;

import io.consentledger.api.consent.StandingChange;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.feed.FeedChange;
import io.consentledger.query.EventSavepoints;
import io.consentledger.query.projection.ReadModels;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.interceptors.MessageHandlerInterceptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The change feed's table: one row per feed change ({@link FeedChanges}), keyed by its event's global position in the
 * event store, so that a rebuild writes the same rows under the same positions. Rows are written in the processor's
 * batch transaction together with its token, which is what lets {@link ChangeFeed} answer only what can no longer be
 * preceded by an event committed late.
 */
@Component
@ProcessingGroup(ReadModels.CHANGE_FEED)
class ChangeFeedProjection {

    private final JdbcClient jdbc;
    private final EventSavepoints savepoints;
    private final EventPositions positions;

    ChangeFeedProjection(JdbcClient jdbc, EventSavepoints savepoints, EventPositions positions) {
        this.jdbc = jdbc;
        this.savepoints = savepoints;
        this.positions = positions;
    }

    /** An event that fails undoes only its own changes and is dead-lettered (see {@link EventSavepoints}). */
    @MessageHandlerInterceptor(messageType = EventMessage.class)
    void isolated(EventMessage<?> event, InterceptorChain chain) {
        savepoints.proceed(ReadModels.CHANGE_FEED, event, chain);
    }

    @EventHandler
    void on(StandingChange change, EventMessage<?> event, TrackingToken token) {
        record(event, token);
    }

    /** The contact's earlier changes stay (they hold ids and codes only); the erasure is a change of its own. */
    @EventHandler
    void on(ContactErased erased, EventMessage<?> event, TrackingToken token) {
        record(event, token);
    }

    private void record(EventMessage<?> event, TrackingToken token) {
        FeedChange change = FeedChanges.of(event, positions.of(event, token)).orElseThrow();
        jdbc.sql("INSERT INTO change_feed (event_position, contact_id, purpose_id, change, status, legal_basis,"
                        + " purpose_version, source_id, valid_until, actor, channel, occurred_at, recorded_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        change.position(),
                        change.contactId(),
                        change.purposeId(),
                        change.change().name(),
                        change.status().name(),
                        change.legalBasis() == null ? null : change.legalBasis().name(),
                        change.purposeVersion(),
                        change.sourceId(),
                        utc(change.validUntil()),
                        change.actor(),
                        change.channel(),
                        utc(change.occurredAt()),
                        utc(change.recordedAt()))
                .update();
    }

    @ResetHandler
    void reset() {
        jdbc.sql("DELETE FROM change_feed").update();
    }
}
