package io.consentledger.api.contact;

import org.axonframework.serialization.Revision;

/** The mail server accepted the confirmation email of a request, at the given attempt: the contact was informed. */
@Revision("1")
public record ConfirmationEmailSent(String contactId, String requestId, int attempt) {}
