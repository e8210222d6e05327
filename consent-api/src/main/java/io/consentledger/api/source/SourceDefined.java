package io.consentledger.api.source;

import org.axonframework.serialization.Revision;

/** A source was defined; {@code sendConfirmation} is {@code null} in events recorded before it existed (no mail). */
@Revision("1")
public record SourceDefined(String sourceId, String name, String description, Boolean sendConfirmation) {

    /** Whether contacts registered from this source get a confirmation email. */
    public boolean sendsConfirmation() {
        return Boolean.TRUE.equals(sendConfirmation);
    }
}
