package io.consentledger.app.profile;

import io.consentledger.api.FieldRules;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.FindContact;
import io.consentledger.app.security.Role;
import io.consentledger.command.profile.ProfileLink;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.query.contact.ContactNotFound;
import io.consentledger.query.contact.LegalBasisProjection;
import io.consentledger.query.web.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Pattern;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Lets a CRM user or an admin hand a contact a fresh link to their profile page. */
@RestController
@Tag(name = "Contacts", description = "Contacts, consents and legal bases (INTEGRATOR)")
class ProfileLinkController {

    private final ProfileLinks links;
    private final Queries queries;

    ProfileLinkController(ProfileLinks links, Queries queries) {
        this.links = links;
        this.queries = queries;
    }

    /** A link and until when it works. */
    record ProfileLinkResponse(String url, Instant expiresAt) {}

    @Operation(summary = "Issue a fresh link to the contact's personal profile page (INTEGRATOR, ADMIN)")
    @PostMapping(path = "/api/v1/contacts/{contactId}/profile-link", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    ProfileLinkResponse issue(
            @PathVariable @Pattern(regexp = FieldRules.CONTACT_ID, message = FieldRules.CONTACT_ID_MESSAGE)
                    String contactId,
            Authentication authentication) {
        queries.after(true, LegalBasisProjection.PROCESSING_GROUP)
                .one(new FindContact(contactId), ContactDetails.class)
                .orElseThrow(() -> new ContactNotFound(contactId));
        ProfileLink link = links.issue(contactId, authentication.getName(), Role.codesOf(authentication));
        return new ProfileLinkResponse(link.url(), link.expiresAt());
    }
}
