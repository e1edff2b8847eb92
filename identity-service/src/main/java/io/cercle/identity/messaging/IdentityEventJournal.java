package io.cercle.identity.messaging;

import io.cercle.events.EventEnvelope;
import io.cercle.events.EventType;
import io.cercle.events.identity.IdentityEvents;
import io.cercle.events.identity.InvitationCreated;
import io.cercle.events.identity.MemberErased;
import io.cercle.events.identity.MemberJoined;
import io.cercle.events.identity.MemberLeft;
import io.cercle.events.identity.MemberReactivated;
import io.cercle.events.identity.MemberRoleChanged;
import io.cercle.events.identity.MemberSuspended;
import io.cercle.events.identity.MemberProfileUpdated;
import io.cercle.events.identity.TenantCreated;
import io.cercle.events.identity.TenantUpdated;
import io.cercle.identity.invitation.Invitation;
import io.cercle.identity.invitation.InvitationEvents;
import io.cercle.identity.member.Member;
import io.cercle.identity.member.MemberEvents;
import io.cercle.identity.tenant.Tenant;
import io.cercle.identity.tenant.TenantEvents;
import io.cercle.platform.messaging.EventJournal;
import org.springframework.stereotype.Component;

import java.time.Clock;

/** Maps identity's domain changes to integration events, recorded on the changed aggregate. */
@Component
class IdentityEventJournal implements TenantEvents, MemberEvents, InvitationEvents {

    private final EventJournal journal;
    private final Clock clock;

    IdentityEventJournal(EventJournal journal, Clock clock) {
        this.journal = journal;
        this.clock = clock;
    }

    @Override
    public void created(Tenant tenant) {
        journal.record(tenant, EventEnvelope.of(IdentityEvents.TENANT_CREATED, tenant.alias(), tenant.createdBy(),
                tenant.alias(), new TenantCreated(tenant.alias(), tenant.name(), tenant.defaultLocale().name()),
                tenant.createdAt()));
    }

    @Override
    public void updated(Tenant tenant, String actorId) {
        journal.record(tenant, EventEnvelope.of(IdentityEvents.TENANT_UPDATED, tenant.alias(), actorId, tenant.alias(),
                new TenantUpdated(tenant.alias(), tenant.name(), tenant.defaultLocale().name()), clock.instant()));
    }

    @Override
    public void created(Invitation invitation, Tenant.Locale locale, String acceptUrl) {
        journal.record(invitation, EventEnvelope.of(IdentityEvents.INVITATION_CREATED, invitation.tenantId(),
                invitation.invitedBy(), invitation.id(), new InvitationCreated(invitation.id(), invitation.email(),
                        invitation.role().name(), locale.name(), acceptUrl, invitation.expiresAt()),
                invitation.createdAt()));
    }

    @Override
    public void joined(Member member, JoinedVia via) {
        journal.record(member, EventEnvelope.of(IdentityEvents.MEMBER_JOINED, member.tenantId(), member.memberId(),
                member.memberId(), new MemberJoined(member.memberId(), member.email(), member.displayName(),
                        member.locale().name(), via.name().replace('_', '-')),
                member.joinedAt()));
    }

    @Override
    public void suspended(Member member, String actorId) {
        record(member, actorId, IdentityEvents.MEMBER_SUSPENDED,
                new MemberSuspended(member.memberId(), member.suspensionReason()));
    }

    @Override
    public void reactivated(Member member, String actorId) {
        record(member, actorId, IdentityEvents.MEMBER_REACTIVATED, new MemberReactivated(member.memberId()));
    }

    @Override
    public void roleChanged(Member member, String role, boolean granted, String actorId) {
        record(member, actorId, IdentityEvents.MEMBER_ROLE_CHANGED, new MemberRoleChanged(member.memberId(), role, granted));
    }

    @Override
    public void erased(Member member, String actorId) {
        record(member, actorId, IdentityEvents.MEMBER_ERASED, new MemberErased(member.memberId()));
    }

    @Override
    public void left(Member member) {
        record(member, member.memberId(), IdentityEvents.MEMBER_LEFT, new MemberLeft(member.memberId()));
    }

    private <T> void record(Member member, String actorId, EventType<T> type, T data) {
        journal.record(member, EventEnvelope.of(type, member.tenantId(), actorId, member.memberId(), data,
                clock.instant()));
    }

    @Override
    public void profileUpdated(Member member) {
        journal.record(member, EventEnvelope.of(IdentityEvents.MEMBER_PROFILE_UPDATED, member.tenantId(),
                member.memberId(), member.memberId(), new MemberProfileUpdated(member.memberId(),
                        member.displayName(), member.jobTitle(), member.locale().name(), member.expertise(),
                        member.interests()),
                clock.instant()));
    }
}
