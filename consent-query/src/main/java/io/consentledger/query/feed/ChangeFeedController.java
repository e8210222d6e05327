package io.consentledger.query.feed;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.consentledger.api.feed.FeedPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The change feed for integrations: the changes to contacts' standings in position order, paged by position, as JSON
 * or streamed as NDJSON, with an optional long poll (see {@link ChangeFeed}).
 */
@RestController
@RolesAllowed({"INTEGRATOR", "AUDITOR"})
@RequestMapping("/api/v1/changes")
@Tag(
        name = "Change feed",
        description = "The changes to contacts' standings in position order, for integrations (INTEGRATOR, AUDITOR)")
class ChangeFeedController {

    static final String NDJSON = "application/x-ndjson";

    private final ChangeFeed feed;
    private final ObjectMapper json;

    ChangeFeedController(ChangeFeed feed, ObjectMapper json) {
        this.feed = feed;
        this.json = json;
    }

    @Operation(
            summary = "The changes to contacts' standings after a position, oldest first",
            description = "Pass the answer's next as after to read on: a reader that pages this way never misses a"
                    + " change, also one committed out of order (the feed answers only up to the position below which"
                    + " nothing can appear any more). With wait > 0 the answer waits until at least one change exists"
                    + " or the time is up (then the page is empty). Accept: application/x-ndjson streams the same"
                    + " changes one JSON object per line; the last line's position is the cursor. Ids and codes only:"
                    + " an erased contact's changes stay, followed by CONTACT_ERASED.")
    @ApiResponse(
            responseCode = "200",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = FeedPage.class)),
                @Content(mediaType = NDJSON)
            })
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    FeedPage changes(
            @Parameter(description = "Only changes at a higher position; 0 (the default) for the beginning")
                    @RequestParam(defaultValue = "0")
                    @Min(0)
                    long after,
            @Parameter(description = "The most changes to answer with, 1-1000")
                    @RequestParam(defaultValue = "100")
                    @Min(1)
                    @Max(ChangeFeed.MAX_LIMIT)
                    int limit,
            @Parameter(description = "Seconds to wait for a change when there is none yet, 0-30")
                    @RequestParam(defaultValue = "0")
                    @Min(0)
                    @Max(ChangeFeed.MAX_WAIT_SECONDS)
                    int wait) {
        feed.awaitChangeAfter(after, Duration.ofSeconds(wait));
        return feed.page(after, limit);
    }

    @GetMapping(produces = NDJSON)
    ResponseEntity<StreamingResponseBody> stream(
            @RequestParam(defaultValue = "0") @Min(0) long after,
            @RequestParam(defaultValue = "100") @Min(1) @Max(ChangeFeed.MAX_LIMIT) int limit,
            @RequestParam(defaultValue = "0") @Min(0) @Max(ChangeFeed.MAX_WAIT_SECONDS) int wait) {
        feed.awaitChangeAfter(after, Duration.ofSeconds(wait));
        StreamingResponseBody body = out -> feed.forEach(after, limit, change -> {
            try {
                out.write(json.writeValueAsBytes(change));
                out.write('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return ResponseEntity.ok().contentType(MediaType.parseMediaType(NDJSON)).body(body);
    }
}
