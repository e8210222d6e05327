package io.consentledger.command.confirmation;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationEmailSent;
import io.consentledger.api.contact.ContactForgotten;
import io.consentledger.api.contact.RecordConfirmationEmailFailed;
import io.consentledger.api.contact.RecordConfirmationEmailSent;
import jakarta.mail.SendFailedException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
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
 * which keeps its deadlines in the database, brings the next attempt with a doubling back-off. The saga's state
 * (and so the address) is deleted once the email is sent.
 */
@Saga
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class ConfirmationEmailProcess {

    static final String RETRY = "confirmation-email-retry";
    private static final Logger log = LoggerFactory.getLogger(ConfirmationEmailProcess.class);

    private ConfirmationEmailRequested request;
    private int attempts;

    @StartSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(
            ConfirmationEmailRequested requested,
            ConfirmationMailer mailer,
            CommandGateway commands,
            DeadlineManager deadlines,
            MailSettings settings,
            Clock clock) {
        request = requested;
        SagaLifecycle.associateWith("contactId", requested.contactId());
        attempt(mailer, commands, deadlines, settings, clock);
    }

    /** The payload of the retry deadline; Axon takes a deadline handler's first parameter as its payload. */
    record RetryDue(String requestId) {}

    @DeadlineHandler(deadlineName = RETRY)
    void retry(
            RetryDue due,
            ConfirmationMailer mailer,
            CommandGateway commands,
            DeadlineManager deadlines,
            MailSettings settings,
            Clock clock) {
        attempt(mailer, commands, deadlines, settings, clock);
    }

    @EndSaga
    @SagaEventHandler(associationProperty = "requestId")
    void on(ConfirmationEmailSent sent) {
        request = null;
    }

    /**
     * A double opt-in email still waiting for its next attempt is given up once its consent lapsed: the link it
     * carries no longer works. The history records the last failure as final.
     */
    @SagaEventHandler(associationProperty = "contactId")
    void on(ConsentLapsed lapsed, CommandGateway commands, DeadlineManager deadlines) {
        if (request == null
                || request.consent() == null
                || !request.consent().confirmationId().equals(lapsed.confirmationId())) {
            return;
        }
        deadlines.cancelAllWithinScope(RETRY);
        commands.sendAndWait(new RecordConfirmationEmailFailed(
                request.contactId(), request.requestId(), attempts, "consent-lapsed", null));
        request = null;
        SagaLifecycle.end();
    }

    /** An email still waiting to go out to a contact who was forgotten is dropped, address and all. */
    @EndSaga
    @SagaEventHandler(associationProperty = "contactId")
    void on(ContactForgotten forgotten, DeadlineManager deadlines) {
        deadlines.cancelAllWithinScope(RETRY);
        request = null;
    }

    private void attempt(
            ConfirmationMailer mailer,
            CommandGateway commands,
            DeadlineManager deadlines,
            MailSettings settings,
            Clock clock) {
        attempts++;
        try {
            mailer.send(request);
        } catch (RuntimeException e) {
            // Any failure, not only the mail server's, leaves the request waiting for its next attempt: none is lost.
            Instant next = clock.instant().plus(settings.retryAfter(attempts));
            log.info(
                    "Confirmation email {} attempt {} failed ({}); next attempt at {}",
                    request.requestId(),
                    attempts,
                    errorKind(e),
                    next);
            commands.sendAndWait(new RecordConfirmationEmailFailed(
                    request.contactId(), request.requestId(), attempts, errorKind(e), next));
            deadlines.schedule(next, RETRY, new RetryDue(request.requestId()));
            return;
        }
        commands.sendAndWait(new RecordConfirmationEmailSent(request.contactId(), request.requestId(), attempts));
    }

    /** A short, PII-free name for what went wrong. */
    static String errorKind(RuntimeException e) {
        if (e instanceof MailAuthenticationException) {
            return "authentication";
        }
        if (e instanceof MailPreparationException || e instanceof MailParseException) {
            return "not-configured-or-invalid";
        }
        if (e instanceof MailSendException send
                && Arrays.stream(send.getMessageExceptions()).anyMatch(SendFailedException.class::isInstance)) {
            return "rejected";
        }
        if (e instanceof MailException) {
            return "connection";
        }
        log.error("Confirmation email could not be written or sent", e);
        return "internal";
    }
}
