package io.cercle.notification;

import io.cercle.testsupport.TestBusNames;
import io.cercle.events.EventEnvelope;
import io.cercle.events.EventType;
import io.cercle.events.identity.IdentityEvents;
import io.cercle.events.identity.InvitationCreated;
import io.cercle.events.identity.MemberErased;
import io.cercle.events.identity.MemberJoined;
import io.cercle.events.identity.MemberProfileUpdated;
import io.cercle.events.identity.TenantCreated;
import io.cercle.events.identity.TenantUpdated;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.List;

/**
 * Publishes identity events as identity-service does: JSON envelopes on the {@code cercle.identity} topic exchange,
 * routing key = event type (our own consumers' queues are bound, so the embedded broker routes them too). The
 * static methods are the mother of those events.
 */
public final class IdentityBus {

    private final RabbitTemplate rabbit;
    private final JsonMapper json;

    public IdentityBus(RabbitTemplate rabbit, JsonMapper json) {
        this.rabbit = rabbit;
        this.json = json;
    }

    public void publish(EventEnvelope<?> event) {
        publish(event.type(), json.writeValueAsBytes(event));
    }

    /** The same bytes can be published twice, as a redelivery would bring them. */
    public void publish(String type, byte[] envelope) {
        var properties = new MessageProperties();
        properties.setContentType("application/json");
        rabbit.send(TestBusNames.exchange("cercle.identity"), type, new Message(envelope, properties));
    }

    public byte[] bytes(EventEnvelope<?> event) {
        return json.writeValueAsBytes(event);
    }

    public static EventEnvelope<TenantCreated> tenantCreated(String alias, String name, String defaultLocale) {
        return event(IdentityEvents.TENANT_CREATED, alias, alias, new TenantCreated(alias, name, defaultLocale));
    }

    public static EventEnvelope<TenantUpdated> tenantUpdated(String alias, String name, String defaultLocale) {
        return event(IdentityEvents.TENANT_UPDATED, alias, alias, new TenantUpdated(alias, name, defaultLocale));
    }

    public static EventEnvelope<MemberJoined> memberJoined(String tenant, String memberId, String email,
                                                           String displayName, String locale) {
        return event(IdentityEvents.MEMBER_JOINED, tenant, memberId,
                new MemberJoined(memberId, email, displayName, locale, "invitation"));
    }

    public static EventEnvelope<MemberProfileUpdated> profileUpdated(String tenant, String memberId,
                                                                     String displayName, String locale) {
        return event(IdentityEvents.MEMBER_PROFILE_UPDATED, tenant, memberId,
                new MemberProfileUpdated(memberId, displayName, "", locale, List.of(), List.of()));
    }

    public static EventEnvelope<MemberErased> memberErased(String tenant, String memberId) {
        return event(IdentityEvents.MEMBER_ERASED, tenant, memberId, new MemberErased(memberId));
    }

    public static EventEnvelope<InvitationCreated> invitationCreated(String tenant, String invitationId, String email,
                                                                     String role, String locale, String acceptUrl,
                                                                     Instant expiresAt) {
        return event(IdentityEvents.INVITATION_CREATED, tenant, invitationId,
                new InvitationCreated(invitationId, email, role, locale, acceptUrl, expiresAt));
    }

    private static <T> EventEnvelope<T> event(EventType<T> type, String tenant, String subject, T data) {
        return EventEnvelope.of(type, tenant, "system", subject, data, Instant.now());
    }
}
