package io.consentledger.api.contact;

import java.time.Instant;

/** The consent a double opt-in email asks the person to confirm, and until when the link works. */
public record ConsentToConfirm(
        String purposeId, String purposeName, String confirmationId, String consentText, Instant lapsesAt) {}
