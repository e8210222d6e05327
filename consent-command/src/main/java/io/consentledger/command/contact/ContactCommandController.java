package io.consentledger.command.contact;

import io.consentledger.api.ContactId;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.DocumentLegalBasis;
import io.consentledger.api.consent.EndLegalBasis;
import io.consentledger.api.consent.GrantConsent;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.consent.StandingStatus;
import io.consentledger.api.consent.WithdrawConsent;
import io.consentledger.api.contact.EraseContact;
import io.consentledger.api.contact.RegisterContact;
import io.consentledger.api.contact.RequestConfirmationEmail;
import io.consentledger.api.contact.UpdateContactDetails;
import io.consentledger.command.contact.ContactRequests.DocumentLegalBasisRequest;
import io.consentledger.command.contact.ContactRequests.GrantConsentRequest;
import io.consentledger.command.contact.ContactRequests.RegisterContactRequest;
import io.consentledger.command.contact.ContactRequests.UpdateContactDetailsRequest;
import io.consentledger.command.contact.ContactRequests.WithdrawConsentRequest;
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
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Integrator endpoints: register contacts, grant and withdraw consent, document and end other legal bases. */
@RestController
@RolesAllowed({"INTEGRATOR", "ADMIN"})
@RequestMapping(path = "/api/v1/contacts", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Contacts", description = "Contacts, consents and legal bases (INTEGRATOR)")
class ContactCommandController {

    private final CommandSender sender;
    private final ErasureJournal journal;

    ContactCommandController(CommandSender sender, ErasureJournal journal) {
        this.sender = sender;
        this.journal = journal;
    }

    @Operation(summary = "Register a contact; purposes with a default legal basis get it at once")
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "201",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> register(@Valid @RequestBody RegisterContactRequest body, HttpServletRequest request) {
        String contactId = body.contactId();
        return sender.send(
                request,
                new Dispatch(
                        new RegisterContact(
                                contactId,
                                body.name(),
                                body.email(),
                                body.sourceId(),
                                body.sourceDetail(),
                                body.locale()),
                        body,
                        HttpStatus.CREATED,
                        URI.create("/api/v1/contacts/" + contactId + "/legal-basis"),
                        Receipt.forContact(contactId),
                        null,
                        () -> new ContactAlreadyRegistered(contactId)));
    }

    @Operation(summary = "Replace a contact's name and email")
    @PutMapping(path = "/{contactId}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> updateDetails(
            @PathVariable @ContactId String contactId,
            @Valid @RequestBody UpdateContactDetailsRequest body,
            HttpServletRequest request) {
        return sender.send(
                request,
                onContact(
                        contactId,
                        new UpdateContactDetails(contactId, body.name(), body.email()),
                        body,
                        HttpStatus.OK,
                        null,
                        Receipt.forContact(contactId)));
    }

    @Operation(
            summary =
                    "Send the confirmation email again (INTEGRATOR, ADMIN): what is stored, why, and where it came from")
    @PostMapping(path = "/{contactId}/confirmation-email")
    @ApiResponse(
            responseCode = "202",
            description = "Requested: the email is on its way (see the history)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> requestConfirmationEmail(
            @PathVariable @ContactId String contactId, HttpServletRequest request) {
        return sender.send(
                request,
                onContact(
                        contactId,
                        new RequestConfirmationEmail(contactId),
                        contactId,
                        HttpStatus.ACCEPTED,
                        null,
                        Receipt.forContact(contactId)));
    }

    @Operation(
            summary = "Erase the contact's personal data for good (ADMIN; GDPR Art. 17)",
            description = "Deletes the contact's key, so the name, email, source details, notes, reasons, IP addresses"
                    + " and user agents in their events can never be read again; ids, purposes, versions, legal bases,"
                    + " times and staff actors stay as proof. Erasing again changes nothing. An erased contact"
                    + " accepts no new commands, and its id cannot be registered again. The erasure is written to the"
                    + " erasure journal before the answer, so that restoring an older backup cannot bring the person"
                    + " back; 503 erasure-not-journaled means erased but not journaled: send it again.")
    @PostMapping(path = "/{contactId}/erasure")
    @RolesAllowed("ADMIN")
    @ApiResponse(
            responseCode = "200",
            description = "Erased: the event is stored and the key deleted in the same transaction",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> erase(@PathVariable @ContactId String contactId, HttpServletRequest request) {
        ResponseEntity<String> erased = sender.send(
                request,
                onContact(
                        contactId,
                        new EraseContact(contactId),
                        contactId,
                        HttpStatus.OK,
                        null,
                        Receipt.forStanding(contactId, null, null, StandingStatus.ERASED)));
        // Also on a replayed answer: a first attempt whose journal write failed is completed by its repeat.
        journal.recordErased(contactId);
        return erased;
    }

    @Operation(
            summary = "Record that the contact gave consent to a purpose",
            description = "With \"confirmBy\": \"email\" the consent counts only once the person follows the link"
                    + " the ledger emails them (double opt-in): until then its status is PENDING_CONFIRMATION,"
                    + " and it lapses after consent.double-opt-in.lapse-after.")
    @PostMapping(path = "/{contactId}/consents", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "201",
            description =
                    "Recorded: the event is stored; the status is GRANTED, or PENDING_CONFIRMATION with confirmBy",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> grant(
            @PathVariable @ContactId String contactId,
            @Valid @RequestBody GrantConsentRequest body,
            HttpServletRequest request) {
        GrantConsent command = new GrantConsent(
                contactId,
                body.purposeId(),
                body.sourceId(),
                body.sourceDetail(),
                body.capturedAt(),
                body.validUntil(),
                body.evidence() == null ? null : body.evidence().toEvidence(),
                body.confirmBy());
        return sender.send(
                request,
                onContact(
                        contactId,
                        command,
                        body,
                        HttpStatus.CREATED,
                        URI.create("/api/v1/contacts/" + contactId + "/legal-basis"),
                        Receipt.forStanding(
                                contactId,
                                body.purposeId(),
                                LegalBasis.CONSENT,
                                body.confirmBy() == null
                                        ? StandingStatus.GRANTED
                                        : StandingStatus.PENDING_CONFIRMATION)));
    }

    @Operation(summary = "Record that the contact withdrew a consent")
    @PostMapping(path = "/{contactId}/consents/{purposeId}/withdrawal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "200",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> withdraw(
            @PathVariable @ContactId String contactId,
            @PathVariable @Slug String purposeId,
            @Valid @RequestBody WithdrawConsentRequest body,
            HttpServletRequest request) {
        return sender.send(
                request,
                onContact(
                        contactId,
                        new WithdrawConsent(contactId, purposeId, body.sourceId(), body.reason()),
                        body,
                        HttpStatus.OK,
                        null,
                        Receipt.forStanding(contactId, purposeId, LegalBasis.CONSENT, StandingStatus.WITHDRAWN)));
    }

    @Operation(summary = "Document a legal basis other than consent")
    @PostMapping(path = "/{contactId}/legal-bases", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ApiResponse(
            responseCode = "201",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> document(
            @PathVariable @ContactId String contactId,
            @Valid @RequestBody DocumentLegalBasisRequest body,
            HttpServletRequest request) {
        return sender.send(
                request,
                onContact(
                        contactId,
                        new DocumentLegalBasis(
                                contactId, body.purposeId(), body.legalBasis(), body.sourceId(), body.note()),
                        body,
                        HttpStatus.CREATED,
                        URI.create("/api/v1/contacts/" + contactId + "/legal-basis"),
                        Receipt.forStanding(contactId, body.purposeId(), body.legalBasis(), StandingStatus.GRANTED)));
    }

    @Operation(summary = "End a documented legal basis, e.g. a contract ended or the contact objected")
    @PostMapping(path = "/{contactId}/legal-bases/{purposeId}/end")
    @ApiResponse(
            responseCode = "200",
            description = "Recorded: the event is stored",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Receipt.class)))
    ResponseEntity<String> end(
            @PathVariable @ContactId String contactId,
            @PathVariable @Slug String purposeId,
            @Valid @RequestBody(required = false) ReasonRequest body,
            HttpServletRequest request) {
        ReasonRequest end = body == null ? ReasonRequest.EMPTY : body;
        return sender.send(
                request,
                onContact(
                        contactId,
                        new EndLegalBasis(contactId, purposeId, end.reason()),
                        end,
                        HttpStatus.OK,
                        null,
                        Receipt.forStanding(contactId, purposeId, null, StandingStatus.ENDED)));
    }

    private static Dispatch onContact(
            String contactId, Object command, Object body, HttpStatus status, URI location, Receipt receipt) {
        return new Dispatch(command, body, status, location, receipt, () -> new UnknownContact(contactId), null);
    }
}
