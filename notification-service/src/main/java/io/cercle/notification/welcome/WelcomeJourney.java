package io.cercle.notification.welcome;

import io.cercle.notification.email.OnceOnlyEmail;
import io.cercle.notification.recipient.Recipient;
import io.cercle.notification.recipient.RecipientDirectory;
import io.cercle.notification.tenant.TenantDirectory;
import io.cercle.notification.tenant.TenantProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Welcomes a member who joined with one email, in their language, signed with their tenant's name. */
@Service
public class WelcomeJourney {

    static final String NOTIFICATION = "welcome";
    private static final Logger log = LoggerFactory.getLogger(WelcomeJourney.class);

    private final TenantDirectory tenants;
    private final RecipientDirectory recipients;
    private final OnceOnlyEmail emails;

    WelcomeJourney(TenantDirectory tenants, RecipientDirectory recipients, OnceOnlyEmail emails) {
        this.tenants = tenants;
        this.recipients = recipients;
        this.emails = emails;
    }

    /** Sends the welcome email at most once ({@link OnceOnlyEmail}), unless the member was erased meanwhile. */
    public void welcome(Recipient member) {
        if (recipients.wasErased(member.tenantId(), member.memberId())) {
            log.info("Member {} of tenant {} was erased before their welcome; not sent", member.memberId(),
                    member.tenantId());
            emails.skipped(NOTIFICATION, "erased");
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
        emails.sendOnce(new OnceOnlyEmail.Email(member.tenantId(), member.memberId(), NOTIFICATION, member.email(),
                name, language, Map.of("displayName", name, "tenantName", tenantName), tenantName,
                "Welcome email to member " + member.memberId() + " of tenant " + member.tenantId()));
    }

    /** The member's language if Cercle speaks it, else the tenant's default, else French. */
    static Locale languageOf(String memberLocale, String tenantDefaultLocale) {
        return OnceOnlyEmail.languageOf(memberLocale, tenantDefaultLocale);
    }
}
