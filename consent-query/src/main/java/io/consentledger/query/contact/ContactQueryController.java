package io.consentledger.query.contact;

import io.consentledger.api.ContactId;
import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.CheckConsent;
import io.consentledger.api.consent.CheckConsentAsOf;
import io.consentledger.api.consent.ConsentCheck;
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
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
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
}
