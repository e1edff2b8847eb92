package io.cercle.testsupport;

/**
 * A user of the test realm (keycloak/cercle-test-realm.json). {@code tenant} is the alias of the user's Keycloak
 * organization, i.e. the tenant id services read from the token; null for the platform admin and for someone in
 * several organizations (who chooses one when signing in).
 */
public record TestUser(String username, String password, String tenant) {

    /** Platform operator (realm role platform-admin), in no organization. */
    public static final TestUser PLATFORM_ADMIN = new TestUser("root", "root-password", null);
    /** Administrator of tenant-a: in tenant-a's organization group "admins". */
    public static final TestUser TENANT_A_ADMIN = new TestUser("alice", "alice-password", "tenant-a");
    public static final TestUser TENANT_A_MEMBER = new TestUser("bob", "bob-password", "tenant-a");
    public static final TestUser TENANT_B_MEMBER = new TestUser("carol", "carol-password", "tenant-b");
    /** A consultant: plain member of tenant-a and administrator of tenant-b. */
    public static final TestUser CONSULTANT = new TestUser("dave", "dave-password", null);
}
