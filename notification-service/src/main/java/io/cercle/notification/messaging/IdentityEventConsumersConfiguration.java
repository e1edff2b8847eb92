package io.cercle.notification.messaging;

import io.cercle.events.identity.IdentityEvents;
import io.cercle.events.identity.MemberJoined;
import io.cercle.notification.delivery.DeliveryLog;
import io.cercle.notification.invitation.Invitation;
import io.cercle.notification.invitation.InvitationJourney;
import io.cercle.notification.recipient.Recipient;
import io.cercle.notification.recipient.RecipientDirectory;
import io.cercle.notification.tenant.TenantDirectory;
import io.cercle.notification.tenant.TenantProfile;
import io.cercle.notification.welcome.WelcomeJourney;
import io.cercle.platform.messaging.Inbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/**
 * Consumers of identity events, one per read model or journey, each on its own durable queue so that one cannot
 * hold up or fail another; bindings (exchange, group, routing key) are in application.yml. The name given to the
 * Inbox is the group's suffix.
 */
@Configuration(proxyBeanMethods = false)
class IdentityEventConsumersConfiguration {

    @Bean
    Consumer<Message<byte[]>> tenantCreated(Inbox inbox, TenantDirectory tenants) {
        return inbox.consumer("tenant-directory", IdentityEvents.TENANT_CREATED, event -> tenants.record(
                new TenantProfile(event.data().alias(), event.data().name(), event.data().defaultLocale())));
    }

    @Bean
    Consumer<Message<byte[]>> tenantUpdated(Inbox inbox, TenantDirectory tenants) {
        return inbox.consumer("tenant-directory-updates", IdentityEvents.TENANT_UPDATED, event -> tenants.record(
                new TenantProfile(event.data().alias(), event.data().name(), event.data().defaultLocale())));
    }

    @Bean
    Consumer<Message<byte[]>> recipientJoined(Inbox inbox, RecipientDirectory recipients) {
        return inbox.consumer("recipients-joined", IdentityEvents.MEMBER_JOINED, event -> {
            MemberJoined member = event.data();
            recipients.joined(event.tenantId(), member.memberId(), member.email(), member.displayName(),
                    member.locale());
        });
    }

    @Bean
    Consumer<Message<byte[]>> recipientProfileUpdated(Inbox inbox, RecipientDirectory recipients) {
        return inbox.consumer("recipients-profile-updates", IdentityEvents.MEMBER_PROFILE_UPDATED, event ->
                recipients.profileUpdated(event.tenantId(), event.data().memberId(), event.data().displayName(),
                        event.data().locale()));
    }

    /**
     * GDPR erasure: the recipient is deleted and their delivery records keep no address or name, including the
     * invitation email sent to their address before they joined. The erasure is recorded first, so that no email
     * journey claims a new record for them meanwhile; the address is the recipient's, read just before. (A failure
     * between the two leaves the invitation record's address for an operator: the retry no longer knows it.)
     */
    @Bean
    Consumer<Message<byte[]>> recipientErased(Inbox inbox, RecipientDirectory recipients, DeliveryLog deliveries) {
        return inbox.consumer("recipients-erasures", IdentityEvents.MEMBER_ERASED, event -> {
            String tenantId = event.tenantId();
            String memberId = event.data().memberId();
            var address = recipients.find(tenantId, memberId).map(recipient -> recipient.email());
            recipients.erased(tenantId, memberId);
            deliveries.anonymise(tenantId, memberId);
            address.ifPresent(email -> deliveries.anonymiseAddress(tenantId, email));
        });
    }

    /**
     * Takes what it needs from the event itself rather than from the recipient read model, which another queue
     * feeds and may not have caught up yet.
     */
    @Bean
    Consumer<Message<byte[]>> welcomeEmail(Inbox inbox, WelcomeJourney welcome) {
        return inbox.consumer("welcome-email", IdentityEvents.MEMBER_JOINED, event -> {
            MemberJoined member = event.data();
            welcome.welcome(Recipient.of(event.tenantId(), member.memberId(), member.email(), member.displayName(),
                    member.locale(), event.occurredAt()));
        });
    }

    /** The event carries all the email needs (address, language, link, expiry); the tenant name is the directory's. */
    @Bean
    Consumer<Message<byte[]>> invitationEmail(Inbox inbox, InvitationJourney invitations) {
        return inbox.consumer("invitation-email", IdentityEvents.INVITATION_CREATED, event -> {
            var data = event.data();
            invitations.invite(event.tenantId(), new Invitation(data.invitationId(), data.email(), data.role(),
                    data.locale(), data.acceptUrl(), data.expiresAt()));
        });
    }
}
