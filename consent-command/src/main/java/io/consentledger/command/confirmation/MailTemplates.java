package io.consentledger.command.confirmation;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.context.MessageSource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.AbstractConfigurableTemplateResolver;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.templateresolver.FileTemplateResolver;

/**
 * The email templates: a template {@code name} is three Thymeleaf files, {@code name.html}, {@code name.txt} and
 * {@code name-subject}, looked up first in {@code consent.mail.template-dir} (when set) and then under
 * {@code templates/mail/} on the class path. A variant {@code name_da} (all three files) is used for Danish contacts
 * when it exists. The engine is kept out of the application context so that Spring Boot still builds its own for web
 * pages.
 */
@Component
public class MailTemplates {

    /** What contacts get when their source names no template. */
    public static final String STANDARD = "confirmation";
    /** The double opt-in email: it needs a consent to confirm, so no source may choose it. */
    public static final String CONFIRM_CONSENT = "confirm-consent";

    private static final String CLASS_PATH = "templates/mail/";
    private static final List<String> FILES = List.of(".html", ".txt", "-subject");

    private final Path directory;
    private final ITemplateEngine engine;

    public MailTemplates(MailSettings settings, MessageSource messages) {
        this.directory = settings.templateDir();
        SpringTemplateEngine engine = new SpringTemplateEngine();
        int order = 1;
        if (directory != null) {
            engine.addTemplateResolver(
                    configure(new FileTemplateResolver(), directory + "/", TemplateMode.HTML, order++));
            engine.addTemplateResolver(
                    configure(new FileTemplateResolver(), directory + "/", TemplateMode.TEXT, order++));
        }
        engine.addTemplateResolver(
                configure(new ClassLoaderTemplateResolver(), CLASS_PATH, TemplateMode.HTML, order++));
        engine.addTemplateResolver(configure(new ClassLoaderTemplateResolver(), CLASS_PATH, TemplateMode.TEXT, order));
        engine.setTemplateEngineMessageSource(messages);
        this.engine = engine;
    }

    private static AbstractConfigurableTemplateResolver configure(
            AbstractConfigurableTemplateResolver resolver, String prefix, TemplateMode mode, int order) {
        resolver.setPrefix(prefix);
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(mode == TemplateMode.HTML ? "*.html" : "*"));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setOrder(order);
        resolver.setCheckExistence(true);
        return resolver;
    }

    /** Whether all three files of the template exist. */
    public boolean exists(String name) {
        return FILES.stream().allMatch(file -> found(name + file));
    }

    /** A written email: subject, plain text and HTML. */
    record Written(String subject, String text, String html) {}

    /** Writes the email from the template, in the language of the context's locale where a variant exists. */
    Written write(String name, Context context) {
        Locale locale = context.getLocale();
        String variant = name + "_" + locale.getLanguage();
        String chosen = locale.getLanguage().isEmpty() || !exists(variant) ? name : variant;
        return new Written(
                engine.process(chosen + "-subject", context).strip(),
                engine.process(chosen + ".txt", context),
                engine.process(chosen + ".html", context));
    }

    private boolean found(String file) {
        return (directory != null && Files.isRegularFile(directory.resolve(file)))
                || new ClassPathResource(CLASS_PATH + file).exists();
    }
}
