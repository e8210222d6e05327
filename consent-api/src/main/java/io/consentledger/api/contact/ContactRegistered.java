package io.consentledger.api.contact;

import org.axonframework.serialization.Revision;

/**
 * A contact was registered; {@code name}, {@code email} and {@code sourceDetail} are personal data. {@code locale} is
 * {@code null} in events recorded before it existed.
 */
@Revision("1")
public record ContactRegistered(
        String contactId, String name, String email, String sourceId, String sourceDetail, String locale) {}
