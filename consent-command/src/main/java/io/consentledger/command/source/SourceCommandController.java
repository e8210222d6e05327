package io.consentledger.command.source;

import io.consentledger.api.Slug;
import io.consentledger.api.source.DefineSource;
import io.consentledger.api.source.RetireSource;
import io.consentledger.command.catalog.SourceAlreadyDefined;
import io.consentledger.command.catalog.UnknownSource;
import io.consentledger.command.web.CommandSender;
import io.consentledger.command.web.CommandSender.Dispatch;
import io.consentledger.command.web.Receipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin endpoints that define and retire sources. */
@RestController
@RolesAllowed("ADMIN")
@RequestMapping(path = "/api/v1/sources", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Sources", description = "Where personal data comes from (ADMIN)")
class SourceCommandController {

    private final CommandSender sender;

    SourceCommandController(CommandSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Define a source")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "201",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> define(@Valid @RequestBody DefineSourceRequest body, HttpServletRequest request) {
        String sourceId = body.sourceId();
        return sender.send(
                request,
                new Dispatch(
                        new DefineSource(
                                sourceId,
                                body.name(),
                                body.description(),
                                Boolean.TRUE.equals(body.sendConfirmation()),
                                body.confirmationTemplate()),
                        body,
                        HttpStatus.CREATED,
                        URI.create("/api/v1/sources/" + sourceId),
                        Receipt.forSource(sourceId),
                        null,
                        () -> new SourceAlreadyDefined(sourceId)));
    }

    @Operation(summary = "Retire a source")
    @PostMapping(path = "/{sourceId}/retire")
    @ApiResponse(
            responseCode = "200",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> retire(@PathVariable @Slug String sourceId, HttpServletRequest request) {
        return sender.send(
                request,
                new Dispatch(
                        new RetireSource(sourceId),
                        sourceId,
                        HttpStatus.OK,
                        null,
                        Receipt.forSource(sourceId),
                        () -> new UnknownSource(sourceId),
                        null));
    }
}
