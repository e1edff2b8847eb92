package io.cercle.notification.welcome;

import io.cercle.notification.delivery.Delivery;
import io.cercle.notification.delivery.DeliveryLog;
import io.cercle.notification.email.EmailSender;
import io.cercle.notification.email.EmailTemplates;
import io.cercle.notification.email.RenderedEmail;
import io.cercle.notification.recipient.Recipient;
import io.cercle.notification.recipient.RecipientDirectory;
import io.cercle.notification.tenant.TenantDirectory;
import io.cercle.notification.tenant.TenantProfile;
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

/** Welcomes a member who joined with one email, in their language, signed with their tenant's name. */
@Service
public class WelcomeJourney {

    static final String NOTIFICATION = "welcome";
    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final Logger log = LoggerFactory.getLogger(WelcomeJourney.class);

    private final TenantDirectory tenants;
    private final RecipientDirectory recipients;
    private final DeliveryLog deliveries;
    private final EmailTemplates templates;
    private final EmailSender sender;
    private final MeterRegistry meters;

    WelcomeJourney(TenantDirectory tenants, RecipientDirectory recipients, DeliveryLog deliveries,
                   EmailTemplates templates, EmailSender sender, MeterRegistry meters) {
        this.tenants = tenants;
        this.recipients = recipients;
        this.deliveries = deliveries;
        this.templates = templates;
        this.sender = sender;
        this.meters = meters;
    }

    /**
     * Sends the welcome email unless this member's welcome was already claimed.
     * <p>
     * At most once, not at least once: the delivery record is inserted (SENDING) before the SMTP call, and a
     * failure marks it FAILED without rethrowing, so neither a redelivery nor the binder's retries send it again.
     * A duplicate welcome cannot be taken back, and after an SMTP failure we cannot know whether the server
     * accepted the message anyway; a missed welcome is visible in the delivery log and can be re-sent by hand.
     */
    public void welcome(Recipient member) {
        if (recipients.wasErased(member.tenantId(), member.memberId())) {
            log.info("Member {} of tenant {} was erased before their welcome; not sent", member.memberId(),
                    member.tenantId());
            count("erased");
            return;
        }
        Optional<TenantProfile> tenant = tenants.find(member.tenantId());
        String tenantName = tenant.map(TenantProfile::name).filter(name -> !name.isBlank()).orElseGet(() -> {
            log.warn("Tenant {} is not known yet (no identity.tenant.created applied); the welcome email to member "
                    + "{} is signed with the tenant id", member.tenantId(), member.memberId());
            return member.tenantId();
        });
        Locale language = languageOf(member.locale(), tenant.map(TenantProfile::defaultLocale).orElse(null));
        String name = member.displayName() == null || member.displayName().isBlank()
                ? member.email() : member.displayName();

        Optional<Delivery> claimed = deliveries.claim(member.tenantId(), member.memberId(), NOTIFICATION,
                member.email(), name, language.getLanguage());
        if (claimed.isEmpty()) {
            log.info("Welcome email to member {} of tenant {} was already attempted; not sent again",
                    member.memberId(), member.tenantId());
            count("duplicate");
            return;
        }
        try {
            RenderedEmail email = templates.render(NOTIFICATION, language,
                    Map.of("displayName", name, "tenantName", tenantName), tenantName);
            sender.send(member.email(), name, email);
        } catch (RuntimeException e) {
            // The root cause says what went wrong (e.g. connection refused) without the addresses a MailException lists.
            log.warn("Welcome email to member {} of tenant {} failed and is not retried: {}", member.memberId(),
                    member.tenantId(), NestedExceptionUtils.getMostSpecificCause(e).toString());
            deliveries.failed(claimed.get(), e.getClass().getSimpleName());
            count("failed");
            return;
        }
        deliveries.sent(claimed.get());
        count("sent");
    }

    /** The member's language if Cercle speaks it, else the tenant's default, else French. */
    static Locale languageOf(String memberLocale, String tenantDefaultLocale) {
        for (String candidate : new String[]{memberLocale, tenantDefaultLocale}) {
            if (candidate != null) {
                String language = Locale.forLanguageTag(candidate.strip().replace('_', '-')).getLanguage();
                if (LANGUAGES.contains(language)) {
                    return Locale.of(language);
                }
            }
        }
        return Locale.FRENCH;
    }

    private void count(String outcome) {
        Counter.builder("cercle.notifications.emails").tag("template", NOTIFICATION).tag("outcome", outcome)
                .description("Emails by template and outcome: sent, failed, duplicate (not sent again), erased (member gone)")
                .register(meters).increment();
    }
}
