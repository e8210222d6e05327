package io.consentledger.api.retention;

import java.util.List;

/** One page of contacts without a legal basis. */
public record ContactsWithoutLegalBasisPage(
        int page, int size, long totalElements, List<ContactWithoutLegalBasis> items) {}
