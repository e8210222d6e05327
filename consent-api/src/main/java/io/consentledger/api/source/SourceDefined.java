package io.consentledger.api.source;

import org.axonframework.serialization.Revision;

/**
 * A source was defined; {@code sendConfirmation} is {@code null} in events recorded before it existed (no mail), and
 * {@code confirmationTemplate} is {@code null} when contacts from it get the standard confirmation email.
 */
@Revision("1")
public record SourceDefined(
        String sourceId, String name, String description, Boolean sendConfirmation, String confirmationTemplate) {

    /** Whether contacts registered from this source get a confirmation email. */
    public boolean sendsConfirmation() {
        return Boolean.TRUE.equals(sendConfirmation);
    }
}
