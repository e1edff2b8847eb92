package io.cercle.identity.member;

import io.cercle.identity.tenant.Tenant;
import io.cercle.platform.problem.NotFoundException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import java.time.Clock;

/** Members and their profiles. */
@Service
public class MemberService {

    private final MemberRepository members;
    private final MemberEvents events;
    private final Clock clock;

    MemberService(MemberRepository members, MemberEvents events, Clock clock) {
        this.members = members;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Records that someone joined the tenant, with MemberJoined in the same write. Joining twice (a retried
     * acceptance, say) returns the existing member and publishes nothing more.
     */
    public Member join(String tenantId, String memberId, String email, String displayName, Tenant.Locale locale,
                       MemberEvents.JoinedVia via) {
        var existing = members.findById(Member.key(tenantId, memberId));
        if (existing.isPresent()) {
            return existing.get();
        }
        var member = new Member(tenantId, memberId, email, displayName, locale, clock.instant());
        events.joined(member, via);
        try {
            return members.insert(member);
        } catch (DuplicateKeyException concurrentJoin) {
            return members.findById(member.id()).orElseThrow();
        }
    }

    public Member get(String tenantId, String memberId) {
        return members.findById(Member.key(tenantId, memberId))
                .orElseThrow(() -> new NotFoundException("Member", memberId));
    }

    public boolean exists(String tenantId, String memberId) {
        return members.existsById(Member.key(tenantId, memberId));
    }

    Member updateProfile(String tenantId, String memberId, ProfileUpdate update) {
        Member member = get(tenantId, memberId);
        member.update(update);
        events.profileUpdated(member);
        return members.save(member);
    }
}
