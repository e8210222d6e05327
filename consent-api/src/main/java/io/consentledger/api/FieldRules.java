package io.consentledger.api;

/** The shape every id and text field of the API must have; the caps keep events small. */
public final class FieldRules {

    /** Purpose and source ids: lower-case slugs. */
    public static final String SLUG = "^[a-z0-9](?:[a-z0-9-]{0,62}[a-z0-9])?$";

    public static final String SLUG_MESSAGE = "must be a slug: 1-64 lower-case letters, digits and inner hyphens";

    /** Contact ids as CRMs make them: letters, digits and {@code . _ : -}, no spaces, no {@code @}. */
    public static final String CONTACT_ID = "^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$";

    public static final String CONTACT_ID_MESSAGE =
            "must be 1-128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit";

    public static final String HTTP_URL = "^https?://[^\\s]+$";

    public static final String HTTP_URL_MESSAGE = "must be an http or https URL";

    public static final int NAME_MAX = 200;
    public static final int EMAIL_MAX = 254;
    public static final int DESCRIPTION_MAX = 2000;
    public static final int CONSENT_TEXT_MAX = 10_000;
    public static final int URL_MAX = 2048;
    public static final int DETAIL_MAX = 500;
    public static final int REASON_MAX = 1000;
    public static final int EVIDENCE_TEXT_MAX = 20_000;
    public static final int USER_AGENT_MAX = 512;

    private FieldRules() {}
}
