package io.consentledger.query.feed;

import io.consentledger.api.feed.FeedChange;
import io.consentledger.api.feed.FeedPage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.axonframework.common.stream.BlockingStream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.GenericTrackedEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.stereotype.Component;

/**
 * The change feed as a message source for Axon's tracking processors: the processors that push changes out (webhook
 * subscribers, the RabbitMQ publisher) get exactly the feed's changes, in the feed's order, and only what the feed
 * already answers ({@link ChangeFeed}: below its watermark, so a change committed late is never passed). Each message's
 * payload is a {@link FeedChange} and its token a {@link GlobalSequenceTrackingToken} at the change's position, so a
 * processor's token is its cursor in the feed. When the feed's watermark moves past the last change without a change
 * of its own (events that change no standing), the stream says so with one {@link FeedWatermark} message, which no
 * handler takes: it moves the cursor, so that a caught-up processor stands at the feed's head.
 *
 * <p>A token of the event store (a gap-aware one, stored before the pushers read the feed) is read as its lower bound:
 * at worst some changes come again, never one less.
 */
@Component
public class ChangeFeedSource implements StreamableMessageSource<TrackedEventMessage<?>> {

    /** The most changes read from the feed at once. */
    private static final int PAGE = 500;

    private final ChangeFeed feed;
    private final FeedSettings settings;
    private final Clock clock;

    ChangeFeedSource(ChangeFeed feed, FeedSettings settings, Clock clock) {
        this.feed = feed;
        this.settings = settings;
        this.clock = clock;
    }

    /** The feed's position read up to: the watermark moved past the last change without a change of its own. */
    public record FeedWatermark(long position) {}

    @Override
    public BlockingStream<TrackedEventMessage<?>> openStream(TrackingToken token) {
        return new FeedStream(positionOf(token));
    }

    /** The start of the feed. */
    @Override
    public TrackingToken createTailToken() {
        return null;
    }

    /** The feed's watermark: a processor that starts here gets every change the feed answers from now on. */
    @Override
    public TrackingToken createHeadToken() {
        return tokenAt(feed.watermark());
    }

    /** The token of a processor that has had every change up to the position; {@code null} for none. */
    public static TrackingToken tokenAt(long position) {
        return position < 0 ? null : new GlobalSequenceTrackingToken(position);
    }

    /** The feed position a token stands for (-1 for none): for an event store's token with gaps, below its gaps. */
    public static long positionOf(TrackingToken token) {
        if (token == null) {
            return -1;
        }
        TrackingToken lowerBound = WrappedToken.unwrapLowerBound(token);
        if (lowerBound instanceof GapAwareTrackingToken gapAware
                && !gapAware.getGaps().isEmpty()) {
            return gapAware.getGaps().first() - 1;
        }
        return lowerBound.position().orElse(-1);
    }

    /**
     * Reads the feed a page at a time after the last position read, and looks again every
     * {@link FeedSettings#pollInterval()} while there is nothing new.
     */
    private final class FeedStream implements BlockingStream<TrackedEventMessage<?>> {

        private final Deque<TrackedEventMessage<?>> read = new ArrayDeque<>();
        private long after;

        FeedStream(long after) {
            this.after = after;
        }

        @Override
        public Optional<TrackedEventMessage<?>> peek() {
            if (read.isEmpty()) {
                readMore();
            }
            return Optional.ofNullable(read.peekFirst());
        }

        @Override
        public boolean hasNextAvailable(int timeout, TimeUnit unit) throws InterruptedException {
            long deadline = System.nanoTime() + unit.toNanos(timeout);
            while (read.isEmpty()) {
                readMore();
                long left = deadline - System.nanoTime();
                if (!read.isEmpty() || left <= 0) {
                    break;
                }
                LockSupport.parkNanos(Math.min(settings.pollInterval().toNanos(), left));
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
            }
            return !read.isEmpty();
        }

        @Override
        public TrackedEventMessage<?> nextAvailable() throws InterruptedException {
            while (!hasNextAvailable(1, TimeUnit.SECONDS)) {
                // Nothing new yet: look again.
            }
            return read.pollFirst();
        }

        private void readMore() {
            FeedPage page = feed.pageUpToWatermark(after, PAGE);
            for (FeedChange change : page.changes()) {
                read.addLast(message(change));
            }
            if (page.next() > after) {
                after = page.next();
                if (page.changes().isEmpty()) {
                    read.addLast(watermark(after));
                }
            }
        }

        @Override
        public void close() {
            read.clear();
        }
    }

    private static TrackedEventMessage<?> message(FeedChange change) {
        return new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(change.position()),
                new GenericEventMessage<>(
                        identifier("change", change.position()),
                        change,
                        MetaData.emptyInstance(),
                        change.recordedAt()));
    }

    private TrackedEventMessage<?> watermark(long position) {
        return new GenericTrackedEventMessage<>(
                new GlobalSequenceTrackingToken(position),
                new GenericEventMessage<>(
                        identifier("watermark", position),
                        new FeedWatermark(position),
                        MetaData.emptyInstance(),
                        clock.instant()));
    }

    /** The same change has the same message id on every read (a repeat of a delivery is recognisable). */
    private static String identifier(String kind, long position) {
        return UUID.nameUUIDFromBytes(("change-feed/" + kind + "/" + position).getBytes(StandardCharsets.UTF_8))
                .toString();
    }
}
