package io.consentledger.api.consent;

/**
 * How a consent was given (GDPR Art. 7(1)): the exact text shown, its SHA-256, the form and the browser that sent it.
 * Free text, IP address and user agent are personal data.
 */
public record Evidence(String text, String textSha256, String formUrl, String ipAddress, String userAgent) {}
