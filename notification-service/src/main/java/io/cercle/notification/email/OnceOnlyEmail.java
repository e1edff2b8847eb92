package io.cercle.notification.email;

import io.cercle.notification.delivery.Delivery;
import io.cercle.notification.delivery.DeliveryLog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one way an email journey sends: claim → render → send → settle, so that each email goes out at most once.
 * <p>
 * At most once, not at least once: the delivery record is inserted (SENDING) before the SMTP call, keyed by
 * (tenant, slot, template), and a failure marks it FAILED without rethrowing, so neither a redelivery nor the
 * binder's retries send it again. A duplicate cannot be taken back, and after an SMTP failure we cannot know whether
 * the server accepted the message anyway; a missed email is visible in the delivery log.
 * <p>
 * Logs name the email by {@link Email#subject()}, never by its content: a model may hold secrets (an invitation's
 * accept link), and failures are logged by the root cause's class only, never its message (which may list
 * addresses).
 */
@Service
public class OnceOnlyEmail {

    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final Logger log = LoggerFactory.getLogger(OnceOnlyEmail.class);

    private final DeliveryLog deliveries;
    private final EmailTemplates templates;
    private final EmailSender sender;
    private final MeterRegistry meters;

    OnceOnlyEmail(DeliveryLog deliveries, EmailTemplates templates, EmailSender sender, MeterRegistry meters) {
        this.deliveries = deliveries;
        this.templates = templates;
        this.sender = sender;
        this.meters = meters;
    }

    /**
     * One email to send at most once.
     *
     * @param slot       the delivery log's member slot: the member, or another key where there is no member yet
     * @param recipientName how the recipient is greeted, or null
     * @param subject    how logs name this email (e.g. "Welcome email to member m-1 of tenant acme")
     */
    public record Email(String tenantId, String slot, String template, String recipient, String recipientName,
                        Locale language, Map<String, Object> model, String tenantName, String subject) {
    }

    public enum Outcome { SENT, FAILED, DUPLICATE }

    public Outcome sendOnce(Email email) {
        Optional<Delivery> claimed = deliveries.claim(email.tenantId(), email.slot(), email.template(),
                email.recipient(), email.recipientName(), email.language().getLanguage());
        if (claimed.isEmpty()) {
            log.info("{} was already attempted; not sent again", email.subject());
            count(email.template(), "duplicate");
            return Outcome.DUPLICATE;
        }
        try {
            RenderedEmail rendered = templates.render(email.template(), email.language(), email.model(),
                    email.tenantName());
            sender.send(email.recipient(), email.recipientName(), rendered);
        } catch (RuntimeException e) {
            log.warn("{} failed and is not retried: {}", email.subject(),
                    NestedExceptionUtils.getMostSpecificCause(e).getClass().getName());
            deliveries.failed(claimed.get(), e.getClass().getSimpleName());
            count(email.template(), "failed");
            return Outcome.FAILED;
        }
        deliveries.sent(claimed.get());
        count(email.template(), "sent");
        return Outcome.SENT;
    }

    /** Counts an email a journey decided not to send at all (e.g. "erased": the member is gone). */
    public void skipped(String template, String outcome) {
        count(template, outcome);
    }

    /** The first of these locales Cercle speaks (French or English), else French. */
    public static Locale languageOf(String... candidates) {
        for (String candidate : candidates) {
            if (candidate != null) {
                String language = Locale.forLanguageTag(candidate.strip().replace('_', '-')).getLanguage();
                if (LANGUAGES.contains(language)) {
                    return Locale.of(language);
                }
            }
        }
        return Locale.FRENCH;
    }

    private void count(String template, String outcome) {
        Counter.builder("cercle.notifications.emails").tag("template", template).tag("outcome", outcome)
                .description("Emails by template and outcome: sent, failed, duplicate (not sent again), erased (member gone)")
                .register(meters).increment();
    }
}
