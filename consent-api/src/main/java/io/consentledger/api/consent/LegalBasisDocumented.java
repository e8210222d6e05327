package io.consentledger.api.consent;

import org.axonframework.serialization.Revision;

/** A legal basis other than consent now applies to a contact for a purpose. */
@Revision("1")
public record LegalBasisDocumented(
        String contactId,
        String purposeId,
        int purposeVersion,
        LegalBasis legalBasis,
        String sourceId,
        String sourceDetail,
        String note) {}
