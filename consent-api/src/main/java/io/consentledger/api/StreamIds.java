package io.consentledger.api;

import io.consentledger.api.consent.LegalBasis;

/**
 * The event-store stream (Axon's aggregate identifier) of each catalog entry. Contacts use their own CRM id; purposes,
 * sources and legal-basis names carry a prefix ending in {@code /}, a character no contact id or slug can hold, so a
 * contact called {@code email} never shares a stream with the source {@code email}.
 */
public final class StreamIds {

    public static final String PURPOSE = "purpose/";
    public static final String SOURCE = "source/";
    public static final String LEGAL_BASIS = "legal-basis/";
    public static final String IMPORT = "import/";

    private StreamIds() {}

    public static String purpose(String purposeId) {
        return PURPOSE + purposeId;
    }

    public static String source(String sourceId) {
        return SOURCE + sourceId;
    }

    public static String importRun(String importId) {
        return IMPORT + importId;
    }

    public static String legalBasis(LegalBasis legalBasis) {
        return LEGAL_BASIS + legalBasis.name();
    }
}
