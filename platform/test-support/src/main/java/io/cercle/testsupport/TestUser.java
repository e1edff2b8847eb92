package io.cercle.testsupport;

import java.util.List;

/**
 * A user of the test realm (keycloak/cercle-test-realm.json). {@code tenant} is the alias of the user's Keycloak
 * organization, i.e. the tenant id services read from the token; null for the platform admin.
 */
public record TestUser(String username, String password, String tenant, List<String> realmRoles) {

    /** Platform operator, in no organization. */
    public static final TestUser PLATFORM_ADMIN = new TestUser("root", "root-password", null, List.of("platform-admin"));
    /** Administrator of tenant-a. */
    public static final TestUser TENANT_A_ADMIN = new TestUser("alice", "alice-password", "tenant-a",
            List.of("tenant-admin", "member"));
    public static final TestUser TENANT_A_MEMBER = new TestUser("bob", "bob-password", "tenant-a", List.of("member"));
    public static final TestUser TENANT_B_MEMBER = new TestUser("carol", "carol-password", "tenant-b", List.of("member"));
}
