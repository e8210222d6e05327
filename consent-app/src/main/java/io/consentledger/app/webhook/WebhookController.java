package io.consentledger.app.webhook;

import io.consentledger.api.FieldRules;
import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.Change;
import io.consentledger.command.web.IdempotentRequests;
import io.consentledger.command.web.IdempotentRequests.Outcome;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Webhook subscribers (ADMIN): the changes to contacts' standings pushed to a receiver as signed batches, at least once
 * and in the change feed's order, each subscriber with a cursor of its own (see
 * docs/integrations.md#webhooks).
 */
@RestController
@RolesAllowed("ADMIN")
@RequestMapping(path = "/api/v1/webhooks", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(
        name = "Webhooks",
        description = "Changes pushed to receivers, signed, at least once, in the change feed's order (ADMIN)")
class WebhookController {

    /** {@code now}, {@code beginning} or a position. */
    static final String FROM = "^(now|beginning|-1|0|[1-9][0-9]{0,17})$";

    private static final String FROM_MESSAGE = "must be now, beginning or a position (a whole number from -1)";

    private final Webhooks webhooks;
    private final IdempotentRequests requests;

    WebhookController(Webhooks webhooks, IdempotentRequests requests) {
        this.webhooks = webhooks;
        this.requests = requests;
    }

    @Schema(description = "A receiver to push changes to, what to push, and from where")
    record RegisterWebhook(
            @Schema(
                    description = "Where batches are posted: https (plain http and private addresses only with"
                            + " consent.webhooks.allow-private-addresses=true, for tests and local use)",
                    example = "https://crm.example.com/consent-ledger/webhook",
                    maxLength = WebhookAddresses.MAX_URL_LENGTH)
            @NotBlank
            @Size(max = WebhookAddresses.MAX_URL_LENGTH)
            @Pattern(regexp = FieldRules.HTTP_URL, message = FieldRules.HTTP_URL_MESSAGE)
            String url,

            @Schema(
                    description = "What it is for (shown in the back office)",
                    example = "Email platform",
                    maxLength = 500)
            @Size(max = 500)
            @SingleLine
            String description,

            @ArraySchema(
                    arraySchema = @Schema(description = "Only these change codes; omitted or empty: every one"),
                    schema = @Schema(example = "CONSENT_WITHDRAWN"),
                    maxItems = 20)
            @Size(max = 20)
            List<@NotNull Change> changes,

            @ArraySchema(
                    arraySchema =
                            @Schema(
                                    description = "Only changes of these purposes (an erasure concerns"
                                            + " every purpose and always passes); omitted or empty: every one"),
                    schema = @Schema(example = "e-marketing", pattern = FieldRules.SLUG),
                    maxItems = 100)
            @Size(max = 100)
            List<@NotNull @Slug String> purposes,

            @Schema(
                    description = "Where the cursor starts: now (default: changes from now on), beginning"
                            + " (every change ever recorded) or a position (the changes after it)",
                    example = "now",
                    pattern = FROM)
            @Pattern(regexp = FROM, message = FROM_MESSAGE)
            String from) {}

    @Schema(description = "Where to deliver from again")
    record Replay(
            @Schema(
                    description = "now, beginning or a position: the changes after it are delivered (again)",
                    example = "beginning",
                    pattern = FROM)
            @NotNull
            @Pattern(regexp = FROM, message = FROM_MESSAGE)
            String from) {}

    @Operation(
            summary = "Register a webhook subscriber; the answer holds its signing secret, shown only now",
            description = "Every change to a contact's standing that passes the filters is posted to the url, in"
                    + " the change feed's order, in batches, signed with the secret (headers Consent-Ledger-Delivery and"
                    + " Consent-Ledger-Signature), until the receiver answers 2xx.")
    @ApiResponse(
            responseCode = "201",
            description = "Registered; delivery starts on every node within a second",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Webhook.class)))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> register(
            @Valid @RequestBody RegisterWebhook body, Authentication authentication, HttpServletRequest request) {
        return revealed(requests.once(request, body, () -> {
            Webhook webhook = webhooks.register(
                    body.url(),
                    body.description(),
                    body.changes(),
                    body.purposes(),
                    body.from(),
                    authentication.getName());
            return new Outcome(HttpStatus.CREATED, URI.create("/api/v1/webhooks/" + webhook.webhookId()), webhook);
        }));
    }

    @Operation(summary = "Every webhook subscriber: state, cursor, lag, last delivery, failures")
    @GetMapping
    List<Webhook> list() {
        return webhooks.list();
    }

    @Operation(summary = "One webhook subscriber: state (and why paused), cursor, lag, last delivery, failures")
    @GetMapping("/{webhookId}")
    Webhook get(@PathVariable String webhookId) {
        return webhooks.get(webhookId);
    }

    @Operation(summary = "Pause: nothing is delivered (on any node) until resumed; the cursor stays")
    @ApiResponse(
            responseCode = "200",
            description = "Paused",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Webhook.class)))
    @PostMapping("/{webhookId}/pause")
    ResponseEntity<String> pause(@PathVariable String webhookId, HttpServletRequest request) {
        return requests.once(request, null, () -> new Outcome(HttpStatus.OK, null, webhooks.pause(webhookId)));
    }

    @Operation(summary = "Resume from the cursor, at once; the failure count starts afresh")
    @ApiResponse(
            responseCode = "200",
            description = "Resumed",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Webhook.class)))
    @PostMapping("/{webhookId}/resume")
    ResponseEntity<String> resume(@PathVariable String webhookId, HttpServletRequest request) {
        return requests.once(request, null, () -> new Outcome(HttpStatus.OK, null, webhooks.resume(webhookId)));
    }

    @Operation(
            summary = "Move the cursor: deliver the changes after a position (again)",
            description = "Applied by the node that can claim the cursor once every node has stopped delivering"
                    + " (about a second); replayFrom shows it until then. Replayed batches get new delivery ids. A"
                    + " paused subscriber stays paused.")
    @ApiResponse(
            responseCode = "202",
            description = "The replay is recorded and applied within about a second",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Webhook.class)))
    @PostMapping(path = "/{webhookId}/replay", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> replay(
            @PathVariable String webhookId, @Valid @RequestBody Replay body, HttpServletRequest request) {
        return requests.once(
                request, body, () -> new Outcome(HttpStatus.ACCEPTED, null, webhooks.replay(webhookId, body.from())));
    }

    @Operation(summary = "A new signing secret, shown only in this answer; every later delivery is signed with it")
    @ApiResponse(
            responseCode = "200",
            description = "The subscriber with its new secret",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Webhook.class)))
    @PostMapping("/{webhookId}/rotate-secret")
    ResponseEntity<String> rotateSecret(@PathVariable String webhookId, HttpServletRequest request) {
        return revealed(
                requests.once(request, null, () -> new Outcome(HttpStatus.OK, null, webhooks.rotateSecret(webhookId))));
    }

    /**
     * The answer with its secret opened: {@code IdempotentRequests} keeps an answer for a repeat with the same key, and
     * keeps it with the secret sealed as the subscriber's is.
     */
    private ResponseEntity<String> revealed(ResponseEntity<String> answer) {
        return ResponseEntity.status(answer.getStatusCode())
                .headers(answer.getHeaders())
                .body(webhooks.revealed(answer.getBody()));
    }

    @Operation(summary = "Delete the subscriber and its cursor; nothing more is delivered to it")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @DeleteMapping("/{webhookId}")
    ResponseEntity<Void> delete(@PathVariable String webhookId) {
        webhooks.delete(webhookId);
        return ResponseEntity.noContent().build();
    }
}
