package io.consentledger.command.profile;

import java.time.Instant;

/** A link to one contact's profile page, valid until {@code expiresAt}, and who it is from. */
public record ProfileLink(String contactId, String token, String url, Instant expiresAt, LinkIssuer issuer) {}
