package io.consentledger.api.consent;

import java.time.Instant;

/**
 * A legal basis as people see it: its fixed code and article, the name an admin gave it ({@code name}; the standard
 * name until then) and when it was last named ({@code null} if never).
 */
public record LegalBasisTerms(LegalBasis code, String name, String standardName, String article, Instant namedAt) {}
