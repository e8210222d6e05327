package io.consentledger.query.feed;

import static io.consentledger.query.Rows.instant;

import io.consentledger.api.consent.Change;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.feed.FeedChange;
import io.consentledger.api.feed.FeedPage;
import io.consentledger.query.projection.ReadModels;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the change feed by position, gap-safe: it answers only changes at or below the <em>watermark</em>, the position
 * below which no event can appear any more, so that a reader that pages with {@code after} never misses one.
 *
 * <p>The event store's global index comes from a sequence: a transaction can take a position before another one and
 * commit after it. The {@code change-feed} processor's committed {@link GapAwareTrackingToken} lists the positions
 * below its own that it has not seen yet (its gaps); the watermark is just below the lowest of them, and never at or
 * past an event the processor dead-lettered (that one, and its contact's later events, hold the feed back until a
 * retry or a rebuild processes them, or an operator evicts them). The price: a gap left by a transaction that rolled
 * back holds the feed back until it is given up on ({@link FeedSettings#gapTimeout()}, Axon's gap timeout: a minute), and a dead letter holds it
 * back until it is dealt with.
 *
 * <p>The watermark is read from the token the processor stored (never from the live state of this node's processor),
 * then the dead letters, then the rows, each statement seeing at least what the one before saw: whichever node a reader
 * asks answers the same. A rebuild writes the same rows under the same positions; while it runs, the watermark is the
 * rebuild's progress.
 */
@Component
public class ChangeFeed {

    /** The most changes one page or stream holds. */
    public static final int MAX_LIMIT = 1000;

    /** The longest a reader may wait for a change, in seconds. */
    public static final int MAX_WAIT_SECONDS = 30;

    private static final String COLUMNS = "event_position, contact_id, purpose_id, change, status, legal_basis,"
            + " purpose_version, source_id, valid_until, actor, channel, occurred_at, recorded_at";

    private static final int FETCH_SIZE = 200;

    private final JdbcClient jdbc;
    private final JdbcTemplate streaming;
    private final TransactionTemplate reads;
    private final Serializer serializer;
    private final FeedSettings settings;
    private final Clock clock;
    private final EventPositions positions;
    private final Semaphore waiting;

    ChangeFeed(
            JdbcClient jdbc,
            DataSource dataSource,
            PlatformTransactionManager transactions,
            Serializer serializer,
            FeedSettings settings,
            Clock clock,
            EventPositions positions) {
        this.jdbc = jdbc;
        this.streaming = new JdbcTemplate(dataSource);
        // PostgreSQL streams rows with a cursor only inside a transaction; other drivers take it as a hint.
        this.streaming.setFetchSize(FETCH_SIZE);
        this.reads = new TransactionTemplate(transactions);
        this.reads.setReadOnly(true);
        this.serializer = serializer;
        this.settings = settings;
        this.clock = clock;
        this.positions = positions;
        this.waiting = new Semaphore(settings.maxWaitingReaders());
    }

    /** Up to {@code limit} changes after the position, oldest first, and the position to ask after next. */
    public FeedPage page(long after, int limit) {
        List<FeedChange> changes = reads.execute(status -> changes(after, watermark(), limit));
        return new FeedPage(
                changes,
                changes.isEmpty() ? after : changes.get(changes.size() - 1).position());
    }

    /**
     * {@link #page}, but a page with room to spare has read the feed up to its watermark: its {@code next} is the
     * watermark (never below {@code after}), past the events that changed no standing.
     */
    FeedPage pageUpToWatermark(long after, int limit) {
        return reads.execute(status -> {
            long watermark = watermark();
            List<FeedChange> changes = changes(after, watermark, limit);
            long next = changes.size() < limit
                    ? Math.max(watermark, after)
                    : changes.get(changes.size() - 1).position();
            return new FeedPage(changes, next);
        });
    }

    private List<FeedChange> changes(long after, long watermark, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM change_feed WHERE event_position > ? AND event_position <= ?"
                        + " ORDER BY event_position LIMIT ?")
                .params(after, watermark, limit)
                .query((rs, row) -> change(rs))
                .list();
    }

    /** Hands the same changes as {@link #page} to the consumer as they are read, without holding them in memory. */
    public void forEach(long after, int limit, Consumer<FeedChange> consumer) {
        reads.executeWithoutResult(status -> streaming.query(
                "SELECT " + COLUMNS + " FROM change_feed WHERE event_position > ? AND event_position <= ?"
                        + " ORDER BY event_position LIMIT ?",
                rs -> {
                    consumer.accept(change(rs));
                },
                after,
                watermark(),
                limit));
    }

    /**
     * Returns once a change after the position can be read, or when the time is up (then there is none). A node lets
     * {@link FeedSettings#maxWaitingReaders()} readers wait at once (each holds its request thread); one more is
     * refused.
     */
    public void awaitChangeAfter(long after, Duration wait) {
        if (wait.isZero() || anyAfter(after)) {
            return;
        }
        if (!waiting.tryAcquire()) {
            throw new TooManyWaitingReaders();
        }
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            long interval = settings.pollInterval().toNanos();
            while (!anyAfter(after)) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || Thread.currentThread().isInterrupted()) {
                    return;
                }
                LockSupport.parkNanos(Math.min(interval, left));
            }
        } finally {
            waiting.release();
        }
    }

    private boolean anyAfter(long after) {
        return Boolean.TRUE.equals(reads.execute(status -> {
            long watermark = watermark();
            return watermark > after
                    && jdbc.sql("SELECT event_position FROM change_feed"
                                    + " WHERE event_position > ? AND event_position <= ?"
                                    + " ORDER BY event_position LIMIT 1")
                            .params(after, watermark)
                            .query(Long.class)
                            .optional()
                            .isPresent();
        }));
    }

    /**
     * The highest position up to which the feed is final: below the processor's lowest gap that may still fill and
     * below its first dead letter; -1 when the processor has stored no token yet.
     */
    long watermark() {
        long watermark = tokenWatermark(storedToken());
        Optional<Long> firstDeadLetter = jdbc
                .sql("SELECT eventIdentifier, token, tokenType FROM DeadLetterEntry WHERE processingGroup = ?")
                .param(ReadModels.CHANGE_FEED)
                .query((rs, row) -> {
                    TrackingToken token = deserialize(rs);
                    return token == null ? -1L : positions.of(rs.getString("eventIdentifier"), token);
                })
                .list()
                .stream()
                .filter(position -> position >= 0)
                .min(Long::compare);
        return firstDeadLetter
                .map(position -> Math.min(watermark, position - 1))
                .orElse(watermark);
    }

    /**
     * Just below the token's lowest gap that may still fill, or the token's position when none may (or it is no
     * gap-aware token). A gap may fill while its position holds an event the processor has not seen yet, or while the
     * first event stored above it is younger than the gap timeout: Axon's rule for giving up on a gap, which Axon itself
     * applies only once a token has many gaps, so that one gap would otherwise hold the feed back much longer.
     */
    private long tokenWatermark(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        Optional<GapAwareTrackingToken> gapAware = WrappedToken.unwrap(token, GapAwareTrackingToken.class);
        if (gapAware.isPresent()) {
            Instant givenUpBefore = clock.instant().minus(settings.gapTimeout());
            for (long gap : gapAware.get().getGaps()) {
                if (mayFill(gap, givenUpBefore)) {
                    return gap - 1;
                }
            }
        }
        return position(token);
    }

    private boolean mayFill(long gap, Instant givenUpBefore) {
        Optional<Object[]> next = jdbc.sql("SELECT globalIndex, timeStamp FROM DomainEventEntry WHERE globalIndex >= ?"
                        + " ORDER BY globalIndex LIMIT 1")
                .param(gap)
                .query((rs, row) -> new Object[] {rs.getLong(1), rs.getString(2)})
                .optional();
        return next.isEmpty()
                || (long) next.get()[0] == gap
                || DateTimeUtils.parseInstant((String) next.get()[1]).isAfter(givenUpBefore);
    }

    /** The token the change-feed processor committed for its one segment, from Axon's token table. */
    private TrackingToken storedToken() {
        return jdbc.sql("SELECT token, tokenType FROM TokenEntry WHERE processorName = ? AND segment = 0")
                .param(ReadModels.CHANGE_FEED)
                .query((rs, row) -> deserialize(rs))
                .optional()
                .orElse(null);
    }

    private TrackingToken deserialize(ResultSet rs) throws SQLException {
        byte[] token = rs.getBytes("token");
        String type = rs.getString("tokenType");
        return token == null || type == null
                ? null
                : serializer.deserialize(new SimpleSerializedObject<>(token, byte[].class, type, null));
    }

    private static long position(TrackingToken token) {
        return token == null ? -1 : token.position().orElse(-1);
    }

    private static FeedChange change(ResultSet rs) throws SQLException {
        String basis = rs.getString("legal_basis");
        return new FeedChange(
                rs.getLong("event_position"),
                rs.getString("contact_id"),
                rs.getString("purpose_id"),
                Change.valueOf(rs.getString("change")),
                StandingStatus.valueOf(rs.getString("status")),
                basis == null ? null : LegalBasis.valueOf(basis),
                rs.getObject("purpose_version", Integer.class),
                rs.getString("source_id"),
                instant(rs, "valid_until"),
                rs.getString("actor"),
                rs.getString("channel"),
                instant(rs, "occurred_at"),
                instant(rs, "recorded_at"));
    }
}
