package io.consentledger.api.consent;

/** The six legal bases of GDPR Art. 6(1). */
public enum LegalBasis {
    CONSENT("Consent", "Art. 6(1)(a)"),
    CONTRACT("Contract", "Art. 6(1)(b)"),
    LEGAL_OBLIGATION("Legal obligation", "Art. 6(1)(c)"),
    VITAL_INTERESTS("Vital interests", "Art. 6(1)(d)"),
    PUBLIC_TASK("Public task", "Art. 6(1)(e)"),
    LEGITIMATE_INTERESTS("Legitimate interests", "Art. 6(1)(f)");

    private final String displayName;
    private final String article;

    LegalBasis(String displayName, String article) {
        this.displayName = displayName;
        this.article = article;
    }

    /** The name shown to people, e.g. "Legitimate interests". */
    public String displayName() {
        return displayName;
    }

    /** The article of the GDPR that defines this basis. */
    public String article() {
        return article;
    }
}
