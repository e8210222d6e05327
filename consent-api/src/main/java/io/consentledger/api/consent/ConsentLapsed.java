package io.consentledger.api.consent;

import org.axonframework.serialization.Revision;

/** A pending consent was not confirmed in time: it never counted and no longer waits. */
@Revision("1")
public record ConsentLapsed(String contactId, String purposeId, int purposeVersion, String confirmationId)
        implements StandingChange {}
