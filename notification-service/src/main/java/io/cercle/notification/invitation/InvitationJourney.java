package io.cercle.notification.invitation;

import io.cercle.notification.delivery.Delivery;
import io.cercle.notification.delivery.DeliveryLog;
import io.cercle.notification.email.EmailSender;
import io.cercle.notification.email.EmailTemplates;
import io.cercle.notification.email.RenderedEmail;
import io.cercle.notification.tenant.TenantDirectory;
import io.cercle.notification.tenant.TenantProfile;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends the email of an invitation to join a tenant: in the invitation's language, signed with the tenant's name,
 * with the link to accept it and when it expires.
 * <p>
 * The accept link carries the invitation's secret token: it goes into the email and nowhere else — never into a
 * log line, a delivery record or a metric. Logs name the invitation by its id.
 */
@Service
public class InvitationJourney {

    static final String NOTIFICATION = "invitation";
    static final String TENANT_ADMIN = "tenant_admin";
    private static final Set<String> LANGUAGES = Set.of("fr", "en");
    private static final Logger log = LoggerFactory.getLogger(InvitationJourney.class);

    private final TenantDirectory tenants;
    private final DeliveryLog deliveries;
    private final EmailTemplates templates;
    private final EmailSender sender;
    private final MeterRegistry meters;

    InvitationJourney(TenantDirectory tenants, DeliveryLog deliveries, EmailTemplates templates, EmailSender sender,
                      MeterRegistry meters) {
        this.tenants = tenants;
        this.deliveries = deliveries;
        this.templates = templates;
        this.sender = sender;
        this.meters = meters;
    }

    /**
     * Sends the invitation email unless this invitation's email was already claimed.
     * <p>
     * At most once, as the welcome (see {@code WelcomeJourney.welcome}): the delivery record, keyed by the
     * invitation ({@link #deliverySlot}), is inserted (SENDING) before the SMTP call, and a failure marks it FAILED
     * without rethrowing, so neither a redelivery nor the binder's retries send it again. A missed invitation is
     * visible in the delivery log; the admin can invite again, which is a new invitation.
     */
    public void invite(String tenantId, Invitation invitation) {
        String invitationId = invitation.invitationId();
        Optional<TenantProfile> tenant = tenants.find(tenantId);
        String tenantName = tenant.map(TenantProfile::name).filter(name -> !name.isBlank()).orElseGet(() -> {
            log.warn("Tenant {} is not known yet (no identity.tenant.created applied); the email of invitation {} "
                    + "is signed with the tenant id", tenantId, invitationId);
            return tenantId;
        });
        Locale language = languageOf(invitation.locale());

        Optional<Delivery> claimed = deliveries.claim(tenantId, deliverySlot(invitationId), NOTIFICATION,
                invitation.email(), null, language.getLanguage());
        if (claimed.isEmpty()) {
            log.info("Email of invitation {} of tenant {} was already attempted; not sent again", invitationId,
                    tenantId);
            count("duplicate");
            return;
        }
        try {
            RenderedEmail email = templates.render(NOTIFICATION, language, Map.of(
                    "tenantName", tenantName,
                    "acceptUrl", invitation.acceptUrl(),
                    // Named in the text: the invitee must sign in (or register) with exactly this address.
                    "email", invitation.email(),
                    "expiresOn", expiryIn(invitation.expiresAt(), language),
                    "tenantAdmin", TENANT_ADMIN.equals(invitation.role())), tenantName);
            sender.send(invitation.email(), null, email);
        } catch (RuntimeException e) {
            // The root cause only (e.g. connection refused): no address, and never the accept link.
            log.warn("Email of invitation {} of tenant {} failed and is not retried: {}", invitationId, tenantId,
                    NestedExceptionUtils.getMostSpecificCause(e).getClass().getName());
            deliveries.failed(claimed.get(), e.getClass().getSimpleName());
            count("failed");
            return;
        }
        deliveries.sent(claimed.get());
        count("sent");
    }

    /**
     * The delivery log's member slot for an invitation: there is no member yet, and the prefix keeps invitation
     * ids from ever colliding with member ids.
     */
    static String deliverySlot(String invitationId) {
        return "invitation:" + invitationId;
    }

    /** The invitation's language if Cercle speaks it, else French. */
    static Locale languageOf(String locale) {
        if (locale != null) {
            String language = Locale.forLanguageTag(locale.strip().replace('_', '-')).getLanguage();
            if (LANGUAGES.contains(language)) {
                return Locale.of(language);
            }
        }
        return Locale.FRENCH;
    }

    /** The expiry as a date and a UTC time, e.g. "29 novembre 2026, 14:30 UTC" or "November 29, 2026, 14:30 UTC". */
    static String expiryIn(Instant expiresAt, Locale language) {
        var utc = expiresAt.atZone(ZoneOffset.UTC);
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language).format(utc) + ", "
                + DateTimeFormatter.ofPattern("HH:mm", language).format(utc) + " UTC";
    }

    private void count(String outcome) {
        Counter.builder("cercle.notifications.emails").tag("template", NOTIFICATION).tag("outcome", outcome)
                .description("Emails by template and outcome: sent, failed, duplicate (not sent again), erased (member gone)")
                .register(meters).increment();
    }
}
