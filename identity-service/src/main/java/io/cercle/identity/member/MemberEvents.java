package io.cercle.identity.member;

/** What the member feature tells the messaging boundary (implemented in {@code messaging/}). */
public interface MemberEvents {

    /** How a member came in: by invitation, by registering with an allowed domain, or provisioned in Keycloak. */
    enum JoinedVia { invitation, self_registration, directory }

    void joined(Member member, JoinedVia via);

    void profileUpdated(Member member);

    void suspended(Member member, String actorId);

    void reactivated(Member member, String actorId);

    void roleChanged(Member member, String role, boolean granted, String actorId);

    void erased(Member member, String actorId);

    void left(Member member);
}
