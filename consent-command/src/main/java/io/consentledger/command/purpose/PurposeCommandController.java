package io.consentledger.command.purpose;

import io.consentledger.api.Slug;
import io.consentledger.api.purpose.DefinePurpose;
import io.consentledger.api.purpose.RetirePurpose;
import io.consentledger.api.purpose.RevisePurpose;
import io.consentledger.command.catalog.PurposeAlreadyDefined;
import io.consentledger.command.catalog.UnknownPurpose;
import io.consentledger.command.web.CommandSender;
import io.consentledger.command.web.CommandSender.Dispatch;
import io.consentledger.command.web.ReasonRequest;
import io.consentledger.command.web.Receipt;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.groups.Default;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admin endpoints that define, revise and retire purposes. */
@RestController
@RolesAllowed("ADMIN")
@RequestMapping(path = "/api/v1/purposes", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Purposes", description = "Purposes of processing (ADMIN)")
class PurposeCommandController {

    private final CommandSender sender;

    PurposeCommandController(CommandSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Define a purpose (version 1)")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "201",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> define(
            @Validated({Default.class, PurposeRequest.Definition.class}) @RequestBody PurposeRequest body,
            HttpServletRequest request) {
        String purposeId = body.purposeId();
        return sender.send(
                request,
                new Dispatch(
                        new DefinePurpose(purposeId, body.terms()),
                        body,
                        HttpStatus.CREATED,
                        URI.create("/api/v1/purposes/" + purposeId),
                        Receipt.forPurpose(purposeId),
                        null,
                        () -> new PurposeAlreadyDefined(purposeId)));
    }

    @Operation(summary = "Revise a purpose: its terms get a new version")
    @PutMapping(path = "/{purposeId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    // With a constrained path variable Spring validates the whole method, taking the groups from the method.
    @Validated({Default.class, PurposeRequest.Revision.class})
    ResponseEntity<String> revise(
            @PathVariable @Slug String purposeId, @Valid @RequestBody PurposeRequest body, HttpServletRequest request) {
        return sender.send(
                request,
                new Dispatch(
                        new RevisePurpose(purposeId, body.terms()),
                        body,
                        HttpStatus.OK,
                        null,
                        Receipt.forPurpose(purposeId),
                        () -> new UnknownPurpose(purposeId),
                        null));
    }

    @Operation(summary = "Retire a purpose: nothing new can be recorded for it, withdrawals still can")
    @PostMapping(path = "/{purposeId}/retire")
    @ApiResponse(
            responseCode = "200",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> retire(
            @PathVariable @Slug String purposeId,
            @Valid @RequestBody(required = false) ReasonRequest body,
            HttpServletRequest request) {
        ReasonRequest retire = body == null ? ReasonRequest.EMPTY : body;
        return sender.send(
                request,
                new Dispatch(
                        new RetirePurpose(purposeId, retire.reason()),
                        retire,
                        HttpStatus.OK,
                        null,
                        Receipt.forPurpose(purposeId),
                        () -> new UnknownPurpose(purposeId),
                        null));
    }
}
