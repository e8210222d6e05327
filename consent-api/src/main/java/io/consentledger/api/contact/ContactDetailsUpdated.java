package io.consentledger.api.contact;

import org.axonframework.serialization.Revision;

/** A contact's name and email changed; both are personal data. */
@Revision("1")
public record ContactDetailsUpdated(String contactId, String name, String email) {}
