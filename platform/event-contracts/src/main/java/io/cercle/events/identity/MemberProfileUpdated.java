package io.cercle.events.identity;

import java.util.List;

/**
 * Payload of {@code identity.member.profile-updated}: the member's public profile after the change.
 *
 * @param memberId    the member
 * @param displayName display name
 * @param jobTitle    job title, possibly empty
 * @param locale      {@code fr} or {@code en}
 * @param expertise   expertise tags (lower-case)
 * @param interests   interest tags (lower-case)
 */
public record MemberProfileUpdated(String memberId, String displayName, String jobTitle, String locale,
                                   List<String> expertise, List<String> interests) {
}
