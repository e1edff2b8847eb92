package io.cercle.identity.member;

import io.cercle.identity.keycloak.KeycloakDirectory;
import io.cercle.identity.tenant.Tenant;
import io.cercle.identity.tenant.TenantService;
import io.cercle.platform.page.KeysetList;
import io.cercle.platform.page.Page;
import io.cercle.platform.security.CurrentMember;
import io.cercle.platform.problem.ConflictException;
import io.cercle.platform.problem.NotFoundException;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Members and their profiles. */
@Service
public class MemberService {

    /** The member directory, by member key (tenant and member id). */
    private static final KeysetList DIRECTORY = KeysetList.named("members", Sort.unsorted());

    private final MemberRepository members;
    private final MongoTemplate mongo;
    private final MemberEvents events;
    private final KeycloakDirectory keycloak;
    private final ApplicationEventPublisher publisher;
    private final TenantService tenants;
    private final Clock clock;

    MemberService(MemberRepository members, MongoTemplate mongo, MemberEvents events, KeycloakDirectory keycloak,
                  ApplicationEventPublisher publisher, TenantService tenants, Clock clock) {
        this.tenants = tenants;
        this.members = members;
        this.mongo = mongo;
        this.events = events;
        this.keycloak = keycloak;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Joining with the tenant-admin role (an invitation as tenant_admin). */
    public Member joinAsTenantAdmin(String tenantId, String memberId, String email, String displayName,
                                    Tenant.Locale locale, MemberEvents.JoinedVia via) {
        Member member = join(tenantId, memberId, email, displayName, locale, via);
        if (!member.isTenantAdmin()) {
            member.tenantAdmin(true);
            return members.save(member);
        }
        return member;
    }

    /**
     * Records that someone joined the tenant, with MemberJoined in the same write. Joining twice (a retried
     * acceptance, say) returns the existing member and publishes nothing more; someone who left or was erased comes
     * back as a new member (MemberJoined again).
     */
    public Member join(String tenantId, String memberId, String email, String displayName, Tenant.Locale locale,
                       MemberEvents.JoinedVia via) {
        var existing = members.findById(Member.key(tenantId, memberId));
        if (existing.isPresent()) {
            Member member = existing.get();
            if (member.status() != Member.Status.LEFT && member.status() != Member.Status.ERASED) {
                return member;
            }
            member.rejoin(email, displayName, locale, clock.instant());
            events.joined(member, via);
            return members.save(member);
        }
        var member = new Member(tenantId, memberId, email, displayName, locale, clock.instant());
        events.joined(member, via);
        try {
            return members.insert(member);
        } catch (DuplicateKeyException concurrentJoin) {
            return members.findById(member.id()).orElseThrow();
        }
    }

    /**
     * Refuses to let someone suspended in this tenant back in by another way (an invitation, self-registration):
     * only a tenant admin's reactivation ends a suspension. Checked before Keycloak is touched.
     */
    public void refuseIfSuspended(String tenantId, String memberId) {
        members.findById(Member.key(tenantId, memberId)).filter(member -> member.status() == Member.Status.SUSPENDED)
                .ifPresent(member -> {
                    throw new ConflictException("You are suspended in this tenant; a tenant admin can reactivate you");
                });
    }

    /** Adds a verified registrant to an open tenant: organization membership (which makes a member), MemberJoined. */
    Member selfJoin(Tenant tenant, String userId, String email, String displayName) {
        refuseIfSuspended(tenant.alias(), userId);
        keycloak.addOrganizationMember(tenant.organizationId(), userId);
        return join(tenant.alias(), userId, email, displayName, tenant.defaultLocale(),
                MemberEvents.JoinedVia.self_registration);
    }

    public Member get(String tenantId, String memberId) {
        return members.findById(Member.key(tenantId, memberId))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    /**
     * The caller's profile in their token's tenant, created from what the token says of them if they have none yet
     * (someone added to the organization directly in Keycloak): {@code POST /me}. Asking again returns the profile
     * unchanged, whatever its status, and publishes nothing more; of two first calls at once, one insert wins
     * ({@link #join}), so MemberJoined is published once.
     *
     * @throws NotFoundException if the tenant does not exist in Cercle
     */
    Provisioned provision(String tenantId, String memberId, String email, String displayName) {
        var existing = members.findById(Member.key(tenantId, memberId));
        if (existing.isPresent()) {
            return new Provisioned(existing.get(), false);
        }
        Tenant tenant = tenants.get(tenantId);
        return new Provisioned(join(tenantId, memberId, email, displayName, tenant.defaultLocale(),
                MemberEvents.JoinedVia.directory), true);
    }

    /** @param created whether this call created the profile (else it existed) */
    record Provisioned(Member member, boolean created) {
    }

    /** The caller's own profile; a 404 that says how to get one when there is none yet (GET /me writes nothing). */
    Member own(String tenantId, String memberId) {
        return members.findById(Member.key(tenantId, memberId))
                .orElseThrow(() -> new NotFoundException("You have no profile in this tenant yet: POST /me creates it"));
    }

    Member updateProfile(String tenantId, String memberId, ProfileUpdate update) {
        Member member = get(tenantId, memberId);
        if (member.status() == Member.Status.ERASED) {
            throw new NotFoundException("Member", memberId);
        }
        member.update(update);
        events.profileUpdated(member);
        return members.save(member);
    }

    /**
     * Suspends the member in this tenant only: out of its organization, so that their next token no longer names it
     * (their account, and their other tenants, are untouched); the profile stays, SUSPENDED.
     */
    Member suspend(String tenantId, String memberId, String reason, String actorId) {
        Member member = active(tenantId, memberId);
        if (member.status() == Member.Status.SUSPENDED) {
            return member;
        }
        if (memberId.equals(actorId)) {
            throw new ConflictException("You cannot suspend yourself");
        }
        keycloak.removeOrganizationMember(tenants.get(tenantId).organizationId(), memberId);
        member.suspend(reason);
        events.suspended(member, actorId);
        return members.save(member);
    }

    /** Back in the organization, with the tenant-admin role again if they held it. */
    Member reactivate(String tenantId, String memberId, String actorId) {
        Member member = active(tenantId, memberId);
        if (member.status() == Member.Status.ACTIVE) {
            return member;
        }
        String organizationId = tenants.get(tenantId).organizationId();
        keycloak.addOrganizationMember(organizationId, memberId);
        if (member.isTenantAdmin()) {
            keycloak.setTenantAdmin(organizationId, memberId, true);
        }
        member.reactivate();
        events.reactivated(member, actorId);
        return members.save(member);
    }

    /**
     * Grants or revokes tenant-admin in this tenant only: the organization's admins group in Keycloak, and our
     * record, together. The change reaches the member's next token.
     */
    Member setTenantAdmin(String tenantId, String memberId, boolean granted, String actorId) {
        Member member = active(tenantId, memberId);
        if (member.isTenantAdmin() == granted) {
            return member;
        }
        if (!granted && memberId.equals(actorId)) {
            throw new ConflictException("You cannot revoke your own tenant-admin role");
        }
        if (granted && member.status() != Member.Status.ACTIVE) {
            throw new ConflictException("Only an active member can become a tenant admin");
        }
        if (member.status() == Member.Status.ACTIVE) {
            keycloak.setTenantAdmin(tenants.get(tenantId).organizationId(), memberId, granted);
        }
        member.tenantAdmin(granted);
        events.roleChanged(member, "tenant-admin", granted, actorId);
        return members.save(member);
    }

    /**
     * The member leaves the tenant: out of its organization (and so out of its admins group: an admin who leaves
     * holds no admin right anywhere), profile kept as LEFT without the role, MemberLeft.
     */
    void leave(Tenant tenant, String memberId) {
        Member member = active(tenant.alias(), memberId);
        if (member.status() == Member.Status.LEFT) {
            return;
        }
        keycloak.removeOrganizationMember(tenant.organizationId(), memberId);
        if (member.isTenantAdmin()) {
            member.tenantAdmin(false);
            events.roleChanged(member, "tenant-admin", false, memberId);
        }
        member.leave();
        events.left(member);
        members.save(member);
    }

    /**
     * GDPR erasure in this tenant: out of its organization, other features' personal data gone ({@link MemberErasing}:
     * the avatar), the profile anonymised in place
     * (contributions elsewhere keep pointing at the member id), MemberErased telling every service to forget them.
     * The Keycloak account itself is deleted only when it belongs to no other tenant and is no platform admin: a
     * tenant admin erases what their tenant holds, never someone's place elsewhere.
     */
    void erase(String tenantId, String memberId, String actorId) {
        Member member = get(tenantId, memberId);
        if (member.status() == Member.Status.ERASED) {
            return;
        }
        keycloak.removeOrganizationMember(tenants.get(tenantId).organizationId(), memberId);
        if (keycloak.organizationsOf(memberId).isEmpty()
                && !keycloak.hasRealmRole(memberId, CurrentMember.PLATFORM_ADMIN)) {
            keycloak.deleteUser(memberId);
        }
        publisher.publishEvent(new MemberErasing(tenantId, memberId));
        member.erase();
        events.erased(member, actorId);
        members.save(member);
    }

    /** The tenants where this person is an active member, for someone choosing one at sign-in. */
    List<Member> memberships(String memberId) {
        return mongo.find(Query.query(Criteria.where("memberId").is(memberId).and("status").is(Member.Status.ACTIVE))
                .with(Sort.by("tenantId")).limit(200), Member.class);
    }

    /**
     * The directory: active members (and suspended ones, for tenant admins), optionally by name, expertise or
     * interest, one page after the cursor.
     */
    Page<Member> directory(String tenantId, DirectoryQuery query, boolean includeSuspended) {
        var criteria = Criteria.where("tenantId").is(tenantId).and("status").in(includeSuspended
                ? List.of(Member.Status.ACTIVE, Member.Status.SUSPENDED) : List.of(Member.Status.ACTIVE));
        if (query.q() != null && !query.q().isBlank()) {
            // Quoted: what the member typed is matched literally, never interpreted as a pattern.
            criteria = criteria.and("displayName").regex(Pattern.quote(query.q().strip()), "i");
        }
        if (query.expertise() != null) {
            criteria = criteria.and("expertise").is(query.expertise().strip().toLowerCase(Locale.ROOT));
        }
        if (query.interest() != null) {
            criteria = criteria.and("interests").is(query.interest().strip().toLowerCase(Locale.ROOT));
        }
        return DIRECTORY.page(mongo, Query.query(criteria), Member.class, tenantId, query.cursor(), query.size());
    }

    /**
     * A member as the caller may see them. Tenant admins see every member who still exists (suspended and departed
     * ones included: they act on them); other members see active members only, so that a suspension or a departure
     * is none of their business: such a member is not found for them (404), like one who never existed.
     */
    public Member visible(String tenantId, String memberId, boolean callerIsTenantAdmin) {
        Member member = active(tenantId, memberId);
        if (!callerIsTenantAdmin && member.status() != Member.Status.ACTIVE) {
            throw new NotFoundException("Member", memberId);
        }
        return member;
    }

    /** A member who still exists for others: erased ones are not found. */
    Member active(String tenantId, String memberId) {
        Member member = get(tenantId, memberId);
        if (member.status() == Member.Status.ERASED) {
            throw new NotFoundException("Member", memberId);
        }
        return member;
    }
}
