package io.consentledger.command.confirmation;

import io.consentledger.api.contact.ConfirmationEmailRequested;
import io.consentledger.command.profile.ProfileLink;
import io.consentledger.command.profile.ProfileLinks;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.MessageSource;
import org.springframework.mail.MailException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

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
    private final ProfileLinks profileLinks;

    ConfirmationMailer(
            ObjectProvider<JavaMailSender> mailSender,
            MessageSource messages,
            MailSettings settings,
            Clock clock,
            ProfileLinks profileLinks) {
        this.profileLinks = profileLinks;
        this.mailSender = mailSender;
        this.templates = templateEngine(messages);
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The engine of the email templates under {@code templates/mail}: HTML for {@code *.html}, text for the rest. Kept
     * out of the application context so that Spring Boot still builds its own engine for web pages.
     */
    private static ITemplateEngine templateEngine(MessageSource messages) {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "mail/*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "mail/*", 2));
        engine.setTemplateEngineMessageSource(messages);
        return engine;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        return resolver;
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
