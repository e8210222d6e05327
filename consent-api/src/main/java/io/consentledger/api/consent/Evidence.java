package io.consentledger.api.consent;

import io.consentledger.api.PersonalData;

/**
 * How a consent was given (GDPR Art. 7(1)): the exact text shown, its SHA-256, the form and the browser that sent it.
 * The IP address and user agent are personal data; the text shown is the company's wording and stays as proof.
 */
public record Evidence(
        String text,
        String textSha256,
        String formUrl,
        @PersonalData String ipAddress,
        @PersonalData String userAgent) {}
