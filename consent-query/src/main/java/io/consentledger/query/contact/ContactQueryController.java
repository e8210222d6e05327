package io.consentledger.query.contact;

import io.consentledger.api.ContactId;
import io.consentledger.api.FieldRules;
import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.CheckConsent;
import io.consentledger.api.consent.CheckConsentAsOf;
import io.consentledger.api.consent.CheckConsents;
import io.consentledger.api.consent.CheckConsentsAsOf;
import io.consentledger.api.consent.ConsentCheck;
import io.consentledger.api.consent.ConsentCheckResults;
import io.consentledger.api.consent.FindContactHistory;
import io.consentledger.api.consent.FindLegalBasis;
import io.consentledger.api.consent.FindLegalBasisAsOf;
import io.consentledger.api.consent.HistoryPage;
import io.consentledger.api.consent.LegalBasisView;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.ContactSearchPage;
import io.consentledger.api.contact.FindContact;
import io.consentledger.api.contact.FindContacts;
import io.consentledger.query.projection.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.extensions.Extension;
import io.swagger.v3.oas.annotations.extensions.ExtensionProperty;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Reads a contact's details, legal-basis field and history, and answers the consent check before a send. */
@RestController
@RolesAllowed({"ADMIN", "INTEGRATOR", "AUDITOR"})
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Contacts", description = "Contacts, consents and legal bases (INTEGRATOR)")
class ContactQueryController {

    private final Queries queries;
    private final HistoryTexts texts;

    ContactQueryController(Queries queries, HistoryTexts texts) {
        this.queries = queries;
        this.texts = texts;
    }

    @Operation(summary = "Find contacts whose id, name or email contains the text (any case); by contact id, paged")
    @GetMapping("/contacts")
    ContactSearchPage search(
            @RequestParam(defaultValue = "") @Size(max = 200) @SingleLine String search,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(defaultValue = "false") boolean wait) {
        return queries.fresh(wait)
                .one(new FindContacts(search, page, size), ContactSearchPage.class)
                .orElseThrow();
    }

    @Operation(summary = "The contact's details: name and email (null once erased), source, when registered and erased")
    @GetMapping("/contacts/{contactId}")
    ContactDetails contact(
            @PathVariable @ContactId String contactId, @RequestParam(defaultValue = "false") boolean wait) {
        return queries.fresh(wait)
                .one(new FindContact(contactId), ContactDetails.class)
                .orElseThrow(() -> new ContactNotFound(contactId));
    }

    @Operation(
            summary = "The contact card's legal-basis field: a summary and one entry per active purpose",
            description = "With asOf: what the ledger knew at that instant, computed from the event store, with the"
                    + " purposes' names and versions as they were then (404 when the contact was not registered yet).")
    @GetMapping("/contacts/{contactId}/legal-basis")
    LegalBasisView legalBasis(
            @PathVariable @ContactId String contactId,
            @RequestParam(required = false) @PastOrPresent Instant asOf,
            @RequestParam(defaultValue = "false") boolean wait) {
        if (asOf != null) {
            // The event store answers; only the list of purpose ids comes from the catalog, so it must be complete.
            return queries.fresh()
                    .one(new FindLegalBasisAsOf(contactId, asOf), LegalBasisView.class)
                    .orElseThrow(() -> new ContactNotFound(contactId));
        }
        return queries.fresh(wait)
                .one(new FindLegalBasis(contactId), LegalBasisView.class)
                .orElseThrow(() -> new ContactNotFound(contactId));
    }

    @Operation(
            summary = "Who changed what, when, through which channel and from which source; oldest first (or desc)",
            description =
                    "Each change is a code with its parameters; detail says them in the Accept-Language (en, da).")
    @GetMapping("/contacts/{contactId}/history")
    HistoryPage history(
            @PathVariable @ContactId String contactId,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
            @RequestParam(defaultValue = "asc") @Pattern(regexp = "^(asc|desc)$", message = "must be asc or desc")
                    String order,
            @RequestParam(defaultValue = "false") boolean wait,
            Locale locale) {
        HistoryPage history = queries.fresh(wait)
                .one(new FindContactHistory(contactId, page, size, "desc".equals(order)), HistoryPage.class)
                .orElseThrow(() -> new ContactNotFound(contactId));
        return texts.described(history, locale);
    }

    @Operation(
            summary = "May the contact's data be processed for the purpose right now?",
            description = "With asOf: could it, by what the ledger knew at that instant (from the event store).")
    @GetMapping("/consents/check")
    ConsentCheck check(
            @RequestParam @ContactId String contactId,
            @RequestParam @Slug String purposeId,
            @RequestParam(required = false) @PastOrPresent Instant asOf,
            @RequestParam(defaultValue = "false") boolean wait) {
        if (asOf != null) {
            return queries.fresh()
                    .one(new CheckConsentAsOf(contactId, purposeId, asOf), ConsentCheck.class)
                    .orElseThrow(() -> new ContactNotFound(contactId));
        }
        return queries.fresh(wait)
                .one(new CheckConsent(contactId, purposeId), ConsentCheck.class)
                .orElseThrow(() -> new ContactNotFound(contactId));
    }

    /** A check in bulk: the purpose, 1 to 10,000 contact ids (repeats are answered each time) and optionally asOf. */
    @Schema(description = "One purpose and the contacts to check for it")
    record BulkCheckRequest(
            @Schema(description = "The purpose to check", example = "e-marketing") @NotBlank @Slug
            String purposeId,

            @ArraySchema(
                    arraySchema = @Schema(description = "1 to 10,000 contact ids; each is answered, in this order"),
                    schema = @Schema(pattern = FieldRules.CONTACT_ID, example = "crm-4711"))
            @NotNull
            @Size(min = 1, max = MAX_CONTACTS)
            List<@NotNull @ContactId String> contactIds,

            @Schema(
                    description = "Check by what the ledger knew at this instant (from the event store); not in the"
                            + " future, to the microsecond",
                    example = "2026-03-01T12:00:00Z")
            @PastOrPresent
            Instant asOf) {}

    /** The most contact ids one check in bulk takes. */
    static final int MAX_CONTACTS = 10_000;

    @Operation(
            summary = "May each contact's data be processed for the purpose right now? Up to 10,000 contacts at once",
            description = "One result per contact id, in the order sent (a repeated id is answered each time), each"
                    + " exactly what GET /consents/check answers for that contact; a contact id no contact has"
                    + " answers allowed: false, status NOT_RECORDED, \"The contact is not registered.\". With asOf:"
                    + " by what the ledger knew at that instant. Reads only: nothing is recorded, and a repeat simply"
                    + " answers again (no Idempotency-Key needed).",
            extensions = @Extension(properties = @ExtensionProperty(name = "x-records-nothing", value = "true")))
    @io.swagger.v3.oas.annotations.parameters.RequestBody(content = @Content(examples = @ExampleObject(value = """
                    {"purposeId": "e-marketing", "contactIds": ["crm-4711", "crm-4712", "crm-9999"]}""")))
    @ApiResponse(
            responseCode = "200",
            description = "One result per contact id asked, in order",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ConsentCheckResults.class),
                            examples = @ExampleObject(value = """
                            {"results": [
                              {"contactId": "crm-4711", "allowed": true, "status": "GRANTED",
                               "legalBasis": "CONSENT", "reason": "Consent is given."},
                              {"contactId": "crm-4712", "allowed": false, "status": "WITHDRAWN",
                               "legalBasis": "CONSENT", "reason": "Consent was withdrawn."},
                              {"contactId": "crm-9999", "allowed": false, "status": "NOT_RECORDED",
                               "legalBasis": null, "reason": "The contact is not registered."}]}""")))
    @PostMapping(path = "/consents/check", consumes = MediaType.APPLICATION_JSON_VALUE)
    ConsentCheckResults checkInBulk(
            @Valid @RequestBody BulkCheckRequest body, @RequestParam(defaultValue = "false") boolean wait) {
        if (body.asOf() != null) {
            return queries.fresh()
                    .one(
                            new CheckConsentsAsOf(body.purposeId(), body.contactIds(), body.asOf()),
                            ConsentCheckResults.class)
                    .orElseThrow();
        }
        return queries.fresh(wait)
                .one(new CheckConsents(body.purposeId(), body.contactIds()), ConsentCheckResults.class)
                .orElseThrow();
    }
}
