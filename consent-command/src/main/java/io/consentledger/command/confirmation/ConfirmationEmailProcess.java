package io.consentledger.command.confirmation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.consentledger.api.ValueFreeFailure;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationEmailSent;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.RecordConfirmationEmailFailed;
import io.consentledger.api.contact.RecordConfirmationEmailSent;
import io.consentledger.command.confirmation.RequestedEmails.RequestedEmail;
import jakarta.mail.SendFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.modelling.saga.EndSaga;
import org.axonframework.modelling.saga.SagaEventHandler;
import org.axonframework.modelling.saga.SagaLifecycle;
import org.axonframework.modelling.saga.StartSaga;
import org.axonframework.spring.stereotype.Saga;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;

/**
 * Sends one requested confirmation email until the mail server accepts it: each attempt is recorded as an event
 * ({@code ConfirmationEmailSent} or {@code ConfirmationEmailFailed}), and after a failure Axon's deadline manager,
 * which keeps its deadlines in the database, brings the next attempt with a doubling back-off.
 *
 * <p>The saga's state holds ids only (no name, no address): each attempt reads what the email says from the contact's
 * event stream, where the serializer decrypts it, or finds it unreadable once the contact was erased. An attempt that
 * finds the email's {@code ConfirmationEmailSent} in the stream already (a repeat after a node failed over) sends
 * nothing.
 */
@Saga
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class ConfirmationEmailProcess {

    static final String RETRY = "confirmation-email-retry";

    private static final String AUTHENTICATION = "authentication";
    private static final String NOT_CONFIGURED_OR_INVALID = "not-configured-or-invalid";
    private static final String REJECTED = "rejected";
    private static final String CONNECTION = "connection";
    private static final String INTERNAL = "internal";
    private static final String CONSENT_LAPSED = "consent-lapsed";

    /** Every {@code errorKind} a failed attempt is recorded with: short codes, never a message or an address. */
    public static final Set<String> ERROR_KINDS =
            Set.of(AUTHENTICATION, NOT_CONFIGURED_OR_INVALID, REJECTED, CONNECTION, INTERNAL, CONSENT_LAPSED);

    private static final Logger log = LoggerFactory.getLogger(ConfirmationEmailProcess.class);

    private String contactId;
    private String requestId;
    /** The consent the email asks the person to confirm (double opt-in); {@code null} for other emails. */
    private String confirmationId;

    private int attempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(
            ConfirmationEmailRequested requested,
            RequestedEmails emails,
            ConfirmationMailer mailer,
            CommandGateway commands,
            DeadlineManager deadlines,
            MailSettings settings,
            Clock clock) {
        contactId = requested.contactId();
        requestId = requested.requestId();
        confirmationId =
                requested.consent() == null ? null : requested.consent().confirmationId();
        SagaLifecycle.associateWith("contactId", contactId);
        attempt(emails, mailer, commands, deadlines, settings, clock);
    }

    /**
     * Reads the state as earlier versions stored it, with the whole request, personal data included (migration
     * {@code V1_43} rewrites such states; an older node may still write one during a rolling upgrade). Only the ids
     * are kept, and the next save writes the state without the request.
     */
    @JsonProperty("request")
    private void requestStoredBefore(JsonNode request) {
        if (request == null || request.isNull()) {
            return;
        }
        contactId = request.path("contactId").asText(null);
        requestId = request.path("requestId").asText(null);
        confirmationId = request.path("consent").path("confirmationId").asText(null);
    }

    /** The payload of the retry deadline; Axon takes a deadline handler's first parameter as its payload. */
    record RetryDue(String requestId) {}

    @DeadlineHandler(deadlineName = RETRY)
    void retry(
            RetryDue due,
            RequestedEmails emails,
            ConfirmationMailer mailer,
            CommandGateway commands,
            DeadlineManager deadlines,
            MailSettings settings,
            Clock clock) {
        attempt(emails, mailer, commands, deadlines, settings, clock);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(ConfirmationEmailSent sent) {
        // Its end deletes the saga's state.
    }

    /**
     * A double opt-in email still waiting for its next attempt is given up once its consent lapsed: the link it
     * carries no longer works. The history records the last failure as final.
     */
    @SagaEventHandler(associationProperty = "contactId")
    void on(ConsentLapsed lapsed, CommandGateway commands, DeadlineManager deadlines) {
        if (confirmationId == null || !confirmationId.equals(lapsed.confirmationId())) {
            return;
        }
        deadlines.cancelAllWithinScope(RETRY);
        commands.sendAndWait(new RecordConfirmationEmailFailed(contactId, requestId, attempts, CONSENT_LAPSED, null));
        SagaLifecycle.end();
    }

    /** An email still waiting to go out to a contact who was erased is dropped. */
    @EndSaga
    @SagaEventHandler(associationProperty = "contactId")
    void on(ContactErased erased, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(RETRY);
    }

    private void attempt(
            RequestedEmails emails,
            ConfirmationMailer mailer,
            CommandGateway commands,
            DeadlineManager deadlines,
            MailSettings settings,
            Clock clock) {
        RequestedEmail email = emails.find(contactId, requestId).orElse(null);
        if (email == null || email.sent() || email.erased()) {
            // Sent already (this is a repeat after a failover or a rolled-back commit), erased, or not in the stream:
            // there is nothing to send.
            if (email == null) {
                log.warn("Confirmation email {} is not in the stream of its contact; nothing is sent", requestId);
            }
            deadlines.cancelAllWithinScope(RETRY);
            SagaLifecycle.end();
            return;
        }
        attempts++;
        try {
            mailer.send(email);
        } catch (RuntimeException e) {
            // Any failure, not only the mail server's, leaves the request waiting for its next attempt: none is lost.
            Instant next = clock.instant().plus(settings.retryAfter(attempts));
            log.info(
                    "Confirmation email {} attempt {} failed ({}); next attempt at {}",
                    requestId,
                    attempts,
                    errorKind(e),
                    next);
            commands.sendAndWait(new RecordConfirmationEmailFailed(contactId, requestId, attempts, errorKind(e), next));
            deadlines.schedule(next, RETRY, new RetryDue(requestId));
            return;
        }
        commands.sendAndWait(new RecordConfirmationEmailSent(contactId, requestId, attempts));
    }

    /** A short, PII-free name for what went wrong. */
    static String errorKind(RuntimeException e) {
        if (e instanceof MailAuthenticationException) {
            return AUTHENTICATION;
        }
        if (e instanceof MailPreparationException || e instanceof MailParseException) {
            return NOT_CONFIGURED_OR_INVALID;
        }
        if (e instanceof MailSendException send
                && Arrays.stream(send.getMessageExceptions()).anyMatch(SendFailedException.class::isInstance)) {
            return REJECTED;
        }
        if (e instanceof MailException) {
            return CONNECTION;
        }
        log.error("Confirmation email could not be written or sent", ValueFreeFailure.of(e));
        return INTERNAL;
    }
}
