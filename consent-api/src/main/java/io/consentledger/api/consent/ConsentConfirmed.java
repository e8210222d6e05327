package io.consentledger.api.consent;

import org.axonframework.serialization.Revision;

/** The person confirmed a pending consent: from now on it counts as given. */
@Revision("1")
public record ConsentConfirmed(String contactId, String purposeId, int purposeVersion, String confirmationId)
        implements StandingChange {}
