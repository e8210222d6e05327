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
            @NotBlank @ContactId String contactId,

            @NotBlank @Size(max = NAME_MAX) @SingleLine String name,

            @NotBlank @Size(max = EMAIL_MAX) @Email @SingleLine
            String email,

            @NotBlank @Slug String sourceId,

            @Size(max = DETAIL_MAX) @SingleLine String sourceDetail,

            @Pattern(regexp = "^(en|da)$", message = "must be en or da")
            String locale) {}

    record UpdateContactDetailsRequest(
            @NotBlank @Size(max = NAME_MAX) @SingleLine String name,

            @NotBlank @Size(max = EMAIL_MAX) @Email @SingleLine
            String email) {}

    record EvidenceRequest(
            @Size(max = EVIDENCE_TEXT_MAX) String text,

            @Size(max = URL_MAX) @Pattern(regexp = HTTP_URL, message = HTTP_URL_MESSAGE)
            String formUrl,

            @Pattern(regexp = "^[0-9A-Fa-f:.]{2,45}$", message = "must be an IPv4 or IPv6 address")
            String ipAddress,

            @Size(max = USER_AGENT_MAX) @SingleLine String userAgent) {

        Evidence toEvidence() {
            return new Evidence(text, null, formUrl, ipAddress, userAgent);
        }
    }

    record GrantConsentRequest(
            @NotBlank @Slug String purposeId,

            @NotBlank @Slug String sourceId,

            @Size(max = DETAIL_MAX) @SingleLine String sourceDetail,

            Instant capturedAt,
            Instant validUntil,
            @Valid EvidenceRequest evidence,
            ConfirmBy confirmBy) {}

    record WithdrawConsentRequest(
            @NotBlank @Slug String sourceId,

            @Size(max = REASON_MAX) String reason) {}

    record DocumentLegalBasisRequest(
            @NotBlank @Slug String purposeId,

            @NotNull LegalBasis legalBasis,

            @NotBlank @Slug String sourceId,

            @Size(max = DESCRIPTION_MAX) String note) {}
}
