package io.cercle.events.identity;

import io.cercle.events.EventType;

import java.util.List;

/**
 * The event types identity-service publishes (exchange {@code cercle.identity}); docs/events.md describes each one.
 * Each publishing service has its own such class, so that services add events without editing a shared file.
 */
public final class IdentityEvents {

    /** A tenant (a Keycloak organization) was created by a platform admin. */
    public static final EventType<TenantCreated> TENANT_CREATED =
            new EventType<>("identity.tenant.created", 1, TenantCreated.class);

    /** A platform or tenant admin changed the tenant's settings. */
    public static final EventType<TenantUpdated> TENANT_UPDATED =
            new EventType<>("identity.tenant.updated", 1, TenantUpdated.class);

    /**
     * Someone became a member of the tenant, or came back after leaving: they accepted an invitation signed in,
     * joined an open tenant of their verified email domain, or were provisioned in Keycloak (an adopted
     * organization's member, or someone added in Keycloak directly who asks for a profile with {@code POST /me});
     * {@code joinedVia} says which.
     */
    public static final EventType<MemberJoined> MEMBER_JOINED =
            new EventType<>("identity.member.joined", 1, MemberJoined.class);

    /** A member changed their profile. */
    public static final EventType<MemberProfileUpdated> MEMBER_PROFILE_UPDATED =
            new EventType<>("identity.member.profile-updated", 1, MemberProfileUpdated.class);

    /** A tenant admin granted or revoked a tenant role. */
    public static final EventType<MemberRoleChanged> MEMBER_ROLE_CHANGED =
            new EventType<>("identity.member.role-changed", 1, MemberRoleChanged.class);

    /** A tenant admin suspended a member. */
    public static final EventType<MemberSuspended> MEMBER_SUSPENDED =
            new EventType<>("identity.member.suspended", 1, MemberSuspended.class);

    /** A tenant admin reactivated a suspended member. */
    public static final EventType<MemberReactivated> MEMBER_REACTIVATED =
            new EventType<>("identity.member.reactivated", 1, MemberReactivated.class);

    /** A member left the tenant. */
    public static final EventType<MemberLeft> MEMBER_LEFT =
            new EventType<>("identity.member.left", 1, MemberLeft.class);

    /** A tenant admin erased a member (GDPR): every service forgets them. */
    public static final EventType<MemberErased> MEMBER_ERASED =
            new EventType<>("identity.member.erased", 1, MemberErased.class);

    /** A tenant admin (or a platform admin) invited someone; the invitee gets an email with the link. */
    public static final EventType<InvitationCreated> INVITATION_CREATED =
            new EventType<>("identity.invitation.created", 1, InvitationCreated.class);

    /** Every event type of identity-service, for the catalogue ({@link io.cercle.events.EventTypes#all()}). */
    public static final List<EventType<?>> ALL = List.of(TENANT_CREATED, TENANT_UPDATED, INVITATION_CREATED, MEMBER_JOINED,
            MEMBER_PROFILE_UPDATED, MEMBER_ROLE_CHANGED, MEMBER_SUSPENDED, MEMBER_REACTIVATED, MEMBER_LEFT,
            MEMBER_ERASED);

    private IdentityEvents() {
    }
}
