package io.consentledger.api.feed;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * One page of the change feed, oldest first.
 *
 * @param next the position to pass as {@code after} for the next page: the last change's, or the {@code after} asked
 *     for when there is nothing new
 */
public record FeedPage(
        @Schema(description = "The changes after the position asked for, in position order")
        List<FeedChange> changes,

        @Schema(
                description = "The position to pass as after for the next page (the after asked for when there is"
                        + " nothing new)",
                example = "4711")
        long next) {}
