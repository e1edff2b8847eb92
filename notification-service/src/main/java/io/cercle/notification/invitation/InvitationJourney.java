package io.cercle.notification.invitation;

import io.cercle.notification.email.OnceOnlyEmail;
import io.cercle.notification.tenant.TenantDirectory;
import io.cercle.notification.tenant.TenantProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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
    private static final Logger log = LoggerFactory.getLogger(InvitationJourney.class);

    private final TenantDirectory tenants;
    private final OnceOnlyEmail emails;

    InvitationJourney(TenantDirectory tenants, OnceOnlyEmail emails) {
        this.tenants = tenants;
        this.emails = emails;
    }

    /**
     * Sends the invitation email at most once ({@link OnceOnlyEmail}), keyed by the invitation
     * ({@link #deliverySlot}). A missed invitation is visible in the delivery log; the admin can invite again, which
     * is a new invitation.
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
        emails.sendOnce(new OnceOnlyEmail.Email(tenantId, deliverySlot(invitationId), NOTIFICATION,
                invitation.email(), null, language, Map.of(
                "tenantName", tenantName,
                "acceptUrl", invitation.acceptUrl(),
                // Named in the text: the invitee must sign in (or register) with exactly this address.
                "email", invitation.email(),
                "expiresOn", expiryIn(invitation.expiresAt(), language),
                "tenantAdmin", TENANT_ADMIN.equals(invitation.role())), tenantName,
                "Email of invitation " + invitationId + " of tenant " + tenantId));
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
        return OnceOnlyEmail.languageOf(locale);
    }

    /** The expiry as a date and a UTC time, e.g. "29 novembre 2026, 14:30 UTC" or "November 29, 2026, 14:30 UTC". */
    static String expiryIn(Instant expiresAt, Locale language) {
        var utc = expiresAt.atZone(ZoneOffset.UTC);
        return DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(language).format(utc) + ", "
                + DateTimeFormatter.ofPattern("HH:mm", language).format(utc) + " UTC";
    }
}
