package io.consentledger.command.confirmation;

import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationEmailSent;
import io.consentledger.api.contact.ContactRegistered;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads a requested confirmation email from the contact's event stream when it is sent, so that the process that
 * sends it keeps only ids: the request (its personal data decrypted by the serializer, or {@code null} once the
 * contact was erased), the source detail the contact was registered with, and whether it was sent already.
 */
@Component
class RequestedEmails {

    private final EventStore eventStore;

    RequestedEmails(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The email as the contact's stream holds it now; empty when the stream has no such request. */
    Optional<RequestedEmail> find(String contactId, String requestId) {
        ConfirmationEmailRequested request = null;
        String sourceDetail = null;
        boolean sent = false;
        DomainEventStream stream = eventStore.readEvents(contactId);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            // The payload type is known without deserializing (and decrypting) the event.
            Class<?> type = event.getPayloadType();
            if (type == ContactRegistered.class) {
                sourceDetail = ((ContactRegistered) event.getPayload()).sourceDetail();
            } else if (type == ConfirmationEmailRequested.class) {
                ConfirmationEmailRequested requested = (ConfirmationEmailRequested) event.getPayload();
                if (requested.requestId().equals(requestId)) {
                    request = requested;
                }
            } else if (type == ConfirmationEmailSent.class) {
                sent |= ((ConfirmationEmailSent) event.getPayload()).requestId().equals(requestId);
            }
        }
        return request == null ? Optional.empty() : Optional.of(new RequestedEmail(request, sourceDetail, sent));
    }

    /**
     * A requested email as the stream holds it.
     *
     * @param request what the email says, as it stood when it was requested
     * @param sourceDetail the detail of the source the contact was registered from ("Stand 12"), if any
     * @param sent whether the SMTP server's acceptance of it is recorded already
     */
    record RequestedEmail(ConfirmationEmailRequested request, String sourceDetail, boolean sent) {

        /** Whether the contact was erased: the personal data the email needs is unreadable. */
        boolean erased() {
            return request.email() == null;
        }
    }
}
