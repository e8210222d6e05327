package io.consentledger.command.confirmation;

import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConsentToConfirm;
import io.consentledger.command.Sha256;
import io.consentledger.command.catalog.Catalog;
import io.consentledger.command.catalog.SourceRules;
import io.consentledger.command.confirmation.RequestedEmails.RequestedEmail;
import io.consentledger.command.profile.ConfirmationLink;
import io.consentledger.command.profile.ProfileLink;
import io.consentledger.command.profile.ProfileLinks;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;

/**
 * Writes the confirmation email from its Thymeleaf templates (an HTML and a plain-text part, in the contact's
 * language) and hands it to the SMTP server: the template the request names (its source's, or the standard
 * {@code confirmation} telling what is stored and why), or {@code confirm-consent}, which asks the person to confirm a
 * consent (double opt-in).
 */
@Component
public class ConfirmationMailer {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final MailTemplates templates;
    private final MailSettings settings;
    private final Clock clock;
    private final ProfileLinks profileLinks;
    private final Catalog catalog;
    private final MessageSource messages;

    ConfirmationMailer(
            ObjectProvider<JavaMailSender> mailSender,
            MailTemplates templates,
            MailSettings settings,
            Clock clock,
            ProfileLinks profileLinks,
            Catalog catalog,
            MessageSource messages) {
        this.profileLinks = profileLinks;
        this.mailSender = mailSender;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
        this.catalog = catalog;
        this.messages = messages;
    }

    /** Sends the email; throws a {@link MailException} when the server cannot be reached or refuses it. */
    void send(RequestedEmail email) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new MailPreparationException("No SMTP server is configured (spring.mail.host)");
        }
        ConfirmationEmailRequested request = email.request();
        Locale locale = request.locale() == null ? settings.defaultLocale() : Locale.forLanguageTag(request.locale());
        Context context = new Context(locale);
        context.setVariable("request", request);
        String sourceName = sourceName(request.sourceId(), locale);
        context.setVariable("sourceName", sourceName);
        context.setVariable("sourceDetail", email.sourceDetail());
        context.setVariable(
                "source",
                email.sourceDetail() == null
                        ? sourceName
                        : messages.getMessage(
                                "mail.confirmation.source-with-detail",
                                new Object[] {sourceName, email.sourceDetail()},
                                locale));
        context.setVariable("company", settings.companyName());
        context.setVariable("contact", settings.contact());
        context.setVariable("date", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        ProfileLink profile = profileLinks.create(request.contactId());
        context.setVariable("profileUrl", profile.url());
        context.setVariable("profileExpires", LocalDate.ofInstant(profile.expiresAt(), ZoneOffset.UTC));
        String template = request.template() == null ? MailTemplates.STANDARD : request.template();
        ConsentToConfirm consent = request.consent();
        if (consent != null) {
            ConfirmationLink confirm = profileLinks.confirmation(
                    request.contactId(), consent.purposeId(), consent.confirmationId(), consent.lapsesAt());
            context.setVariable("confirmUrl", confirm.url());
            context.setVariable("confirmUntil", LocalDateTime.ofInstant(confirm.expiresAt(), ZoneOffset.UTC));
        }
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(settings.from());
            if (settings.replyTo() != null) {
                helper.setReplyTo(settings.replyTo());
            }
            helper.setTo(request.email());
            MailTemplates.Written written = templates.write(template, context);
            helper.setSubject(written.subject());
            helper.setText(written.text(), written.html());
            // Kept by Spring's sender. The same on every attempt at one request, so that a copy sent twice (a crash
            // between the SMTP server's acceptance and the ledger's record of it) is recognisable as one email.
            message.setHeader("Message-ID", messageId(request.requestId()));
        } catch (MessagingException e) {
            throw new MailPreparationException("Cannot write the confirmation email", e);
        }
        sender.send(message);
    }

    /**
     * The source as the person can recognise it (Art. 14(2)(f)): a seeded source's wording from the mail messages in
     * the person's language, any other source's own name, its id only when it has neither.
     */
    private String sourceName(String sourceId, Locale locale) {
        String wording = messages.getMessage("source." + sourceId, null, null, locale);
        if (wording != null) {
            return wording;
        }
        return catalog.source(sourceId).map(SourceRules::name).orElse(sourceId);
    }

    /** A stable {@code Message-ID}: derived from the request id, which it does not reveal, at the sender's domain. */
    private String messageId(String requestId) {
        String from = settings.from() == null ? "" : settings.from();
        String domain = from.substring(from.lastIndexOf('@') + 1).replaceAll("[^A-Za-z0-9.-]", "");
        return "<confirmation." + Sha256.hex(requestId).substring(0, 32) + "@"
                + (domain.isEmpty() ? "consent-ledger.invalid" : domain) + ">";
    }
}
