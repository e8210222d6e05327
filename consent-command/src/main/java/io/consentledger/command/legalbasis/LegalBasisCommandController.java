package io.consentledger.command.legalbasis;

import static io.consentledger.api.FieldRules.NAME_MAX;

import io.consentledger.api.SingleLine;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.NameLegalBasis;
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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Admins name the legal bases as their organisation speaks of them; the codes never change. */
@RestController
@RolesAllowed("ADMIN")
@RequestMapping(path = "/api/v1/legal-bases", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Legal bases", description = "The six legal bases of GDPR Art. 6(1) and their display names")
class LegalBasisCommandController {

    /** The new display name. */
    record NameRequest(
            @Schema(
                    description = "The legal basis's name as the back office, exports and profile page show it",
                    example = "Task in the public interest")
            @NotBlank
            @Size(max = NAME_MAX)
            @SingleLine
            String name) {}

    private final CommandSender sender;

    LegalBasisCommandController(CommandSender sender) {
        this.sender = sender;
    }

    @Operation(summary = "Name a legal basis (ADMIN); the same name again records nothing")
    @PutMapping(path = "/{legalBasis}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> name(
            @PathVariable LegalBasis legalBasis, @Valid @RequestBody NameRequest body, HttpServletRequest request) {
        return sender.send(
                request,
                new Dispatch(
                        new NameLegalBasis(legalBasis, body.name()),
                        body,
                        HttpStatus.OK,
                        null,
                        Receipt.forLegalBasis(legalBasis),
                        null,
                        null));
    }
}
