package io.consentledger.api.consent;

import org.axonframework.serialization.Revision;

/** A contact withdrew their consent to a purpose. */
@Revision("1")
public record ConsentWithdrawn(
        String contactId, String purposeId, int purposeVersion, String sourceId, String reason) {}
