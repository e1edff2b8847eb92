package io.cercle.testsupport;

/**
 * The Keycloak every test in this JVM shares: started on first use (~10–20 s, plus a one-off unpack and build)
 * with the test realm "cercle" — organizations tenant-a and tenant-b and the {@link TestUser}s — and stopped
 * with the JVM. Point a resource server at {@link #issuerUri()}.
 */
public final class TestKeycloak {

    public static final String REALM = "cercle";
    public static final String CLIENT_ID = "cercle-web";
    /** A client of the test realm whose access tokens live 5 seconds, to test expiry. */
    public static final String SHORT_LIVED_CLIENT_ID = "cercle-short-lived";

    private TestKeycloak() {
    }

    public static KeycloakServer get() {
        return Holder.SERVER;
    }

    private static final class Holder {
        static final KeycloakServer SERVER = KeycloakServer.builder()
                .realmJsonResource(TestKeycloak.class, "keycloak/cercle-test-realm.json", REALM)
                .start();
    }

    public static String issuerUri() {
        return get().issuerUri();
    }

    /** A real access token for {@code user} that expires 5 seconds after it is issued. */
    public static String shortLivedAccessToken(TestUser user) {
        return get().accessToken(user.username(), user.password(), SHORT_LIVED_CLIENT_ID);
    }

    /** A real access token for {@code user} from client cercle-web. */
    public static String accessToken(TestUser user) {
        return get().accessToken(user.username(), user.password(), CLIENT_ID);
    }

    /** The same, choosing one tenant (scope {@code organization:<alias>}) as someone in several does at login. */
    public static String accessToken(TestUser user, String tenant) {
        return get().accessTokenWithScope(user.username(), user.password(), CLIENT_ID, "organization:" + tenant);
    }
}
