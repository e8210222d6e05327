package io.consentledger.api.consent;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** A contact gave consent to a purpose, in the purpose's version then in force. */
@Revision("1")
public record ConsentGranted(
        String contactId,
        String purposeId,
        int purposeVersion,
        String sourceId,
        String sourceDetail,
        Instant capturedAt,
        Instant validUntil,
        Evidence evidence) {}
