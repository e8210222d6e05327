package io.consentledger.command.confirmation;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.consentledger.api.consent.ConsentLapsed;
import io.consentledger.api.consent.LegalBasis;
import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConfirmationEmailSent;
import io.consentledger.api.contact.ConfirmationTrigger;
import io.consentledger.api.contact.ConsentToConfirm;
import io.consentledger.api.contact.ContactErased;
import io.consentledger.api.contact.ContactRegistered;
import io.consentledger.api.contact.PurposeNotice;
import io.consentledger.api.contact.RecordConfirmationEmailFailed;
import io.consentledger.api.contact.RecordConfirmationEmailSent;
import io.consentledger.command.catalog.InMemoryCatalog;
import io.consentledger.command.profile.ProfileLinks;
import io.consentledger.command.profile.ProfileSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The confirmation-email process at its own level: events in, commands and deadlines out. The email is written by
 * the real mailer from the real templates and handed to a real SMTP server (GreenMail); the contact's stream, which
 * the process reads what to send from, is an in-memory event store.
 */
class ConfirmationEmailProcessTest {

    private static final Instant NOW = Instant.parse("2025-03-01T09:00:00Z");
    private static final String CONTACT = "c-1";
    private static final String REQUEST = CONTACT + "/confirmation-1";
    private static final String EMAIL = "ann@example.com";
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    /** On a port of its own that stays the same when a test stops and starts it again. */
    @RegisterExtension
    static final GreenMailExtension SMTP =
            new GreenMailExtension(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));

    private final SagaTestFixture<ConfirmationEmailProcess> fixture =
            new SagaTestFixture<>(ConfirmationEmailProcess.class);
    private final EmbeddedEventStore contactStreams = EmbeddedEventStore.builder()
            .storageEngine(new InMemoryEventStorageEngine())
            .build();
    private long sequence;

    @BeforeEach
    void resources() {
        // The process and the mailer read the time from the fixture, which moves it on to the deadlines.
        Clock clock = new FixtureClock(fixture);
        MailSettings settings = new MailSettings(
                "privacy@example.com",
                null,
                "Acme A/S",
                "privacy@example.com",
                Locale.ENGLISH,
                FIRST_RETRY,
                Duration.ofHours(1),
                null);
        ResourceBundleMessageSource messages = new ResourceBundleMessageSource();
        messages.setBasenames("messages/mail");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(SMTP.getSmtp().getPort());
        ConfirmationMailer mailer = new ConfirmationMailer(
                new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class),
                new MailTemplates(settings, messages),
                settings,
                clock,
                new ProfileLinks(new ProfileSettings("http://localhost:8080", Duration.ofDays(21), null), clock, "s"),
                new InMemoryCatalog(),
                messages);
        fixture.registerResource(new RequestedEmails(contactStreams));
        fixture.registerResource(mailer);
        fixture.registerResource(settings);
        fixture.registerResource(clock);
    }

    @AfterEach
    void closeStreams() {
        contactStreams.shutDown();
    }

    @Test
    void sendsTheRequestedEmailAndRecordsItAsSent() throws Exception {
        ConfirmationEmailRequested requested = inStream(request(null));

        fixture.givenCurrentTime(NOW)
                .whenPublishingA(requested)
                .expectActiveSagas(1)
                .expectAssociationWith("contactId", CONTACT)
                .expectDispatchedCommands(new RecordConfirmationEmailSent(CONTACT, REQUEST, 1))
                .expectNoScheduledDeadlines();
        assertThat(SMTP.getReceivedMessages()).singleElement().satisfies(mail -> {
            assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(EMAIL);
            assertThat(mail.getSubject()).isEqualTo("What Acme A/S stores about you");
        });
    }

    @Test
    void endsOnceTheDeliveryIsRecorded() {
        ConfirmationEmailRequested requested = inStream(request(null));

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(requested)
                .whenPublishingA(new ConfirmationEmailSent(CONTACT, REQUEST, 1))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }

    @Test
    void recordsAFailedAttemptAndSchedulesTheNext() {
        ConfirmationEmailRequested requested = inStream(request(null));
        SMTP.stop();

        fixture.givenCurrentTime(NOW)
                .whenPublishingA(requested)
                .expectActiveSagas(1)
                .expectDispatchedCommands(
                        new RecordConfirmationEmailFailed(CONTACT, REQUEST, 1, "connection", NOW.plus(FIRST_RETRY)))
                .expectScheduledDeadlineWithName(FIRST_RETRY, ConfirmationEmailProcess.RETRY);
    }

    @Test
    void waitsTwiceAsLongAfterEachFurtherFailure() {
        ConfirmationEmailRequested requested = inStream(request(null));
        SMTP.stop();

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(requested)
                .whenTimeElapses(FIRST_RETRY)
                .expectDeadlinesMet(new ConfirmationEmailProcess.RetryDue(REQUEST))
                .expectDispatchedCommands(new RecordConfirmationEmailFailed(
                        CONTACT, REQUEST, 2, "connection", NOW.plus(FIRST_RETRY.multipliedBy(3))))
                .expectScheduledDeadlineWithName(FIRST_RETRY.multipliedBy(2), ConfirmationEmailProcess.RETRY);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void theNextAttemptDeliversOnceTheServerIsBack() {
        ConfirmationEmailRequested requested = inStream(request(null));
        SMTP.stop();
        var failedOnce = fixture.givenCurrentTime(NOW).andThenAPublished(requested);
        SMTP.start();

        failedOnce
                .whenTimeElapses(FIRST_RETRY)
                .expectDispatchedCommands(new RecordConfirmationEmailSent(CONTACT, REQUEST, 2))
                .expectNoScheduledDeadlines();
        assertThat(SMTP.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRetryForItsConsentIsGivenUpOnceTheConsentLapsed() {
        ConfirmationEmailRequested requested = inStream(request("confirm-1"));
        SMTP.stop();

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(requested)
                .whenPublishingA(new ConsentLapsed(CONTACT, "e-marketing", 1, "confirm-1"))
                .expectDispatchedCommands(
                        new RecordConfirmationEmailFailed(CONTACT, REQUEST, 1, "consent-lapsed", null))
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void theLapseOfAnotherConsentChangesNothing() {
        ConfirmationEmailRequested requested = inStream(request("confirm-1"));
        SMTP.stop();

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(requested)
                .whenPublishingA(new ConsentLapsed(CONTACT, "e-marketing", 1, "confirm-0"))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(FIRST_RETRY, ConfirmationEmailProcess.RETRY)
                .expectActiveSagas(1);
    }

    @Test
    void anEmailWaitingForItsNextAttemptIsDroppedWhenTheContactIsErased() {
        ConfirmationEmailRequested requested = inStream(request(null));
        SMTP.stop();

        fixture.givenCurrentTime(NOW)
                .andThenAPublished(requested)
                .whenPublishingA(new ContactErased(CONTACT))
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
    }

    @Test
    void anEmailTheStreamRecordsAsSentAlreadyIsNotSentAgain() {
        ConfirmationEmailRequested requested = inStream(request(null));
        inStream(new ConfirmationEmailSent(CONTACT, REQUEST, 1));

        fixture.givenCurrentTime(NOW)
                .whenPublishingA(requested)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    @Test
    void anEmailToAContactErasedMeanwhileIsNotSent() {
        ConfirmationEmailRequested requested = request(null);
        // The stream as the serializer reads it once the contact's key is gone: the personal data is unreadable.
        inStream(new ConfirmationEmailRequested(
                CONTACT, REQUEST, requested.trigger(), null, null, "en", "web-form", requested.purposes(), null, null));

        fixture.givenCurrentTime(NOW)
                .whenPublishingA(requested)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines()
                .expectActiveSagas(0);
        assertThat(SMTP.getReceivedMessages()).isEmpty();
    }

    private ConfirmationEmailRequested request(String confirmationId) {
        ConsentToConfirm consent = confirmationId == null
                ? null
                : new ConsentToConfirm(
                        "e-marketing",
                        "E-marketing",
                        confirmationId,
                        "Yes, send me offers.",
                        NOW.plus(Duration.ofDays(7)));
        return new ConfirmationEmailRequested(
                CONTACT,
                REQUEST,
                consent == null ? ConfirmationTrigger.REGISTERED : ConfirmationTrigger.CONSENT_TO_CONFIRM,
                "Ann Smith",
                EMAIL,
                "en",
                "web-form",
                List.of(new PurposeNotice("sales-and-service", "Sales and service", 1, LegalBasis.CONTRACT)),
                consent,
                consent == null ? null : MailTemplates.CONFIRM_CONSENT);
    }

    /** Appends the event to the contact's stream (after its registration, on the first) and returns it. */
    private <T> T inStream(T event) {
        if (sequence == 0) {
            append(new ContactRegistered(CONTACT, "Ann Smith", EMAIL, "web-form", null, "en"));
        }
        append(event);
        return event;
    }

    private void append(Object event) {
        contactStreams.publish(new GenericDomainEventMessage<>("ContactLedger", CONTACT, sequence++, event));
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture's current time, which it moves on to the deadlines it triggers. */
    private static final class FixtureClock extends Clock {

        private final SagaTestFixture<?> fixture;

        FixtureClock(SagaTestFixture<?> fixture) {
            this.fixture = fixture;
        }

        @Override
        public Instant instant() {
            return fixture.currentTime();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("The fixture's clock is in UTC");
        }
    }
}
