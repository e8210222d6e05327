package io.consentledger.api.consent;

import org.axonframework.serialization.Revision;

/** A documented legal basis no longer applies to a contact for a purpose. */
@Revision("1")
public record LegalBasisEnded(
        String contactId, String purposeId, int purposeVersion, LegalBasis legalBasis, String reason) {}
