package io.consentledger.api.consent;

import java.util.List;

/** The contact card's legal-basis field: a one-line summary and one entry per active purpose. */
public record LegalBasisView(String contactId, String summary, List<PurposeStanding> purposes) {}
