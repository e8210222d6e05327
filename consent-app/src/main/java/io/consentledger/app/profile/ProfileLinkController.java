package io.consentledger.app.profile;

import io.consentledger.api.ContactId;
import io.consentledger.api.contact.ContactDetails;
import io.consentledger.api.contact.FindContact;
import io.consentledger.app.security.Role;
import io.consentledger.command.profile.ProfileLink;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.command.web.IdempotentRequests;
import io.consentledger.command.web.IdempotentRequests.Outcome;
import io.consentledger.query.contact.ContactNotFound;
import io.consentledger.query.projection.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lets a CRM user or an admin hand a contact a fresh link to their profile page; the link names who issued it. With an
 * {@code Idempotency-Key}, a repeat gets the same link.
 */
@RestController
@RolesAllowed({"INTEGRATOR", "ADMIN"})
@Tag(name = "Contacts", description = "Contacts, consents and legal bases (INTEGRATOR)")
class ProfileLinkController {

    private final ProfileLinks links;
    private final Queries queries;
    private final IdempotentRequests requests;

    ProfileLinkController(ProfileLinks links, Queries queries, IdempotentRequests requests) {
        this.links = links;
        this.queries = queries;
        this.requests = requests;
    }

    /** A link and until when it works. */
    record ProfileLinkResponse(String url, Instant expiresAt) {}

    @Operation(summary = "Issue a fresh link to the contact's personal profile page (INTEGRATOR, ADMIN)")
    @ApiResponse(
            responseCode = "201",
            description = "A link naming the caller as its issuer",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = ProfileLinkResponse.class)))
    @PostMapping(path = "/api/v1/contacts/{contactId}/profile-link", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> issue(
            @PathVariable @ContactId String contactId, Authentication authentication, HttpServletRequest request) {
        queries.fresh()
                .one(new FindContact(contactId), ContactDetails.class)
                .orElseThrow(() -> new ContactNotFound(contactId));
        return requests.once(request, null, () -> {
            ProfileLink link = links.issue(contactId, authentication.getName(), Role.codesOf(authentication));
            return new Outcome(HttpStatus.CREATED, null, new ProfileLinkResponse(link.url(), link.expiresAt()));
        });
    }
}
