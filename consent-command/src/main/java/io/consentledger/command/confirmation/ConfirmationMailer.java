package io.consentledger.command.confirmation;

import io.consentledger.api.contact.ConfirmationEmailRequested;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Writes the confirmation email from its Thymeleaf templates (an HTML and a plain-text part, in the contact's
 * language) and hands it to the SMTP server.
 */
@Component
public class ConfirmationMailer {

    private final ObjectProvider<JavaMailSender> mailSender;
    private final ITemplateEngine templates;
    private final MailSettings settings;
    private final Clock clock;

    ConfirmationMailer(
            ObjectProvider<JavaMailSender> mailSender,
            @Qualifier("mailTemplateEngine") ITemplateEngine templates,
            MailSettings settings,
            Clock clock) {
        this.mailSender = mailSender;
        this.templates = templates;
        this.settings = settings;
        this.clock = clock;
    }

    /** Sends the email; throws a {@link MailException} when the server cannot be reached or refuses it. */
    public void send(ConfirmationEmailRequested request) {
        JavaMailSender sender = mailSender.getIfAvailable();
        if (sender == null) {
            throw new MailPreparationException("No SMTP server is configured (spring.mail.host)");
        }
        Locale locale = request.locale() == null ? settings.defaultLocale() : Locale.forLanguageTag(request.locale());
        Context context = new Context(locale);
        context.setVariable("request", request);
        context.setVariable("company", settings.companyName());
        context.setVariable("contact", settings.contact());
        context.setVariable("date", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
        MimeMessage message = sender.createMimeMessage();
        try {
            MimeMessageHelper helper = new MimeMessageHelper(message, true, "UTF-8");
            helper.setFrom(settings.from());
            if (settings.replyTo() != null) {
                helper.setReplyTo(settings.replyTo());
            }
            helper.setTo(request.email());
            helper.setSubject(
                    templates.process("mail/confirmation-subject", context).strip());
            helper.setText(
                    templates.process("mail/confirmation.txt", context),
                    templates.process("mail/confirmation.html", context));
        } catch (MessagingException e) {
            throw new MailPreparationException("Cannot write the confirmation email", e);
        }
        sender.send(message);
    }
}
