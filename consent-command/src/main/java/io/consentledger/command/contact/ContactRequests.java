package io.consentledger.command.contact;

import static io.consentledger.api.FieldRules.DESCRIPTION_MAX;
import static io.consentledger.api.FieldRules.DETAIL_MAX;
import static io.consentledger.api.FieldRules.EMAIL_MAX;
import static io.consentledger.api.FieldRules.EVIDENCE_TEXT_MAX;
import static io.consentledger.api.FieldRules.HTTP_URL;
import static io.consentledger.api.FieldRules.HTTP_URL_MESSAGE;
import static io.consentledger.api.FieldRules.NAME_MAX;
import static io.consentledger.api.FieldRules.REASON_MAX;
import static io.consentledger.api.FieldRules.URL_MAX;
import static io.consentledger.api.FieldRules.USER_AGENT_MAX;

import io.consentledger.api.ContactId;
import io.consentledger.api.SingleLine;
import io.consentledger.api.Slug;
import io.consentledger.api.consent.ConfirmBy;
import io.consentledger.api.consent.Evidence;
import io.consentledger.api.consent.LegalBasis;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** The request bodies of the contact endpoints; the actor and the times of recording never come from here. */
final class ContactRequests {

    private ContactRequests() {}

    record RegisterContactRequest(
            @Schema(
                    description = "The contact's id in your CRM; the ledger keys everything about the person by it",
                    example = "crm-4711")
            @NotBlank
            @ContactId
            String contactId,

            @Schema(description = "The person's name", example = "Ann Smith")
            @NotBlank
            @Size(max = NAME_MAX)
            @SingleLine
            String name,

            @Schema(
                    description = "The person's email address; confirmation emails go here",
                    example = "ann@example.com")
            @NotBlank
            @Size(max = EMAIL_MAX)
            @Email
            @SingleLine
            String email,

            @Schema(description = "Where the contact came from: the id of a source", example = "web-form")
            @NotBlank
            @Slug
            String sourceId,

            @Schema(description = "More about where exactly, in your words", example = "Signup form on /newsletter")
            @Size(max = DETAIL_MAX)
            @SingleLine
            String sourceDetail,

            @Schema(
                    description = "The language the ledger writes to the person in: en or da; en when left out",
                    example = "da")
            @Pattern(regexp = "^(en|da)$", message = "must be en or da")
            String locale) {}

    record UpdateContactDetailsRequest(
            @Schema(description = "The person's name as it is now", example = "Ann Smith-Jensen")
            @NotBlank
            @Size(max = NAME_MAX)
            @SingleLine
            String name,

            @Schema(description = "The person's email address as it is now", example = "ann@example.org")
            @NotBlank
            @Size(max = EMAIL_MAX)
            @Email
            @SingleLine
            String email) {}

    record EvidenceRequest(
            @Schema(
                    description = "The consent text exactly as the person saw it; the ledger stores its SHA-256 too",
                    example = "Yes, send me offers by email.")
            @Size(max = EVIDENCE_TEXT_MAX)
            String text,

            @Schema(
                    description = "The address of the form the person filled in",
                    example = "https://example.com/newsletter")
            @Size(max = URL_MAX)
            @Pattern(regexp = HTTP_URL, message = HTTP_URL_MESSAGE)
            String formUrl,

            @Schema(description = "The IPv4 or IPv6 address the form was sent from", example = "192.0.2.10")
            @Pattern(regexp = "^[0-9A-Fa-f:.]{2,45}$", message = "must be an IPv4 or IPv6 address")
            String ipAddress,

            @Schema(
                    description = "The browser's User-Agent header as the form received it",
                    example = "Mozilla/5.0 (X11; Linux x86_64)")
            @Size(max = USER_AGENT_MAX)
            @SingleLine
            String userAgent) {

        Evidence toEvidence() {
            return new Evidence(text, null, formUrl, ipAddress, userAgent);
        }
    }

    record GrantConsentRequest(
            @Schema(description = "The purpose consented to", example = "e-marketing") @NotBlank @Slug
            String purposeId,

            @Schema(description = "Where the consent was given: the id of a source", example = "web-form")
            @NotBlank
            @Slug
            String sourceId,

            @Schema(description = "More about where exactly, in your words", example = "Signup form on /newsletter")
            @Size(max = DETAIL_MAX)
            @SingleLine
            String sourceDetail,

            @Schema(
                    description = "When the person gave the consent; now when left out, never in the future",
                    example = "2026-03-01T12:00:00Z")
            Instant capturedAt,

            @Schema(
                    description = "When the consent runs out by itself; never when left out",
                    example = "2027-03-01T00:00:00Z")
            Instant validUntil,

            @Schema(
                    description =
                            "What proves the consent: the text shown, the form, the address and browser it came from")
            @Valid
            EvidenceRequest evidence,

            @Schema(
                    description =
                            "email: the consent counts only once the person confirms it from the email the ledger sends (double opt-in)")
            ConfirmBy confirmBy) {}

    record WithdrawConsentRequest(
            @Schema(description = "Where the withdrawal was received: the id of a source", example = "web-form")
            @NotBlank
            @Slug
            String sourceId,

            @Schema(description = "Why, in the person's or your words", example = "Unsubscribed by phone")
            @Size(max = REASON_MAX)
            String reason) {}

    record DocumentLegalBasisRequest(
            @Schema(description = "The purpose the legal basis is for", example = "sales-and-service") @NotBlank @Slug
            String purposeId,

            @Schema(description = "The legal basis of GDPR Art. 6(1) the processing rests on") @NotNull
            LegalBasis legalBasis,

            @Schema(
                    description = "Where the legal basis was established: the id of a source",
                    example = "business-card")
            @NotBlank
            @Slug
            String sourceId,

            @Schema(
                    description = "Why the legal basis applies, e.g. the contract's number",
                    example = "Service contract 2026-118")
            @Size(max = DESCRIPTION_MAX)
            String note) {}
}
