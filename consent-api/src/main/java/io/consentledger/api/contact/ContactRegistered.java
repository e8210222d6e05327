package io.consentledger.api.contact;

import org.axonframework.serialization.Revision;

/** A contact was registered; {@code name}, {@code email} and {@code sourceDetail} are personal data. */
@Revision("1")
public record ContactRegistered(String contactId, String name, String email, String sourceId, String sourceDetail) {}
