package io.consentledger.command.confirmation;

import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.api.contact.ConsentToConfirm;
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

    ConfirmationMailer(
            ObjectProvider<JavaMailSender> mailSender,
            MailTemplates templates,
            MailSettings settings,
            Clock clock,
            ProfileLinks profileLinks) {
        this.profileLinks = profileLinks;
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
        } catch (MessagingException e) {
            throw new MailPreparationException("Cannot write the confirmation email", e);
        }
        sender.send(message);
    }
}
