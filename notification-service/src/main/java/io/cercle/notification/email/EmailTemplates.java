package io.cercle.notification.email;

import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Renders {@code templates/email/<name>.html} and {@code <name>.txt} with the texts of
 * {@code email/messages_<language>.properties}; the subject is the message {@code <name>.subject}. Every HTML
 * template hands its text to the shared layout ({@code layout.html}: head, language, body style) as a fragment.
 * <p>
 * Its own engine rather than Boot's web one: emails need a plain-text mode and their own message bundle, and this
 * service renders no web views. Values are inserted with {@code th:text}, which escapes them in the HTML part.
 */
@Component
public class EmailTemplates {

    private final ResourceBundleMessageSource messages;
    private final SpringTemplateEngine engine;

    EmailTemplates() {
        messages = new ResourceBundleMessageSource();
        messages.setBasename("email/messages");
        messages.setDefaultEncoding(StandardCharsets.UTF_8.name());
        messages.setFallbackToSystemLocale(false);
        messages.setDefaultLocale(Locale.FRENCH);

        engine = new SpringTemplateEngine();
        engine.setTemplateEngineMessageSource(messages);
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
    }

    /**
     * @param subjectArguments the arguments of the subject message, e.g. the tenant name
     */
    public RenderedEmail render(String name, Locale language, Map<String, Object> variables,
                                Object... subjectArguments) {
        var context = new Context(language, variables);
        String subject = messages.getMessage(name + ".subject", subjectArguments, language);
        context.setVariable("subject", subject);
        return new RenderedEmail(subject, engine.process(name + ".txt", context),
                engine.process(name + ".html", context));
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        var resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/email/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setOrder(order);
        return resolver;
    }
}
