package io.cercle.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * The Keycloak every test shares, with the test realm "cercle" — organizations tenant-a and tenant-b and the
 * {@link TestUser}s. Point a resource server at {@link #issuerUri()}.
 *
 * <p>In a Maven build, one server serves every test JVM of the build ({@link SharedTestKeycloak},
 * docs/adr/0012): started by the first that needs it (~10–20 s, plus a one-off unpack and build), reused by the
 * others, stopped once unused. So a test must leave the {@link TestUser}s and the two organizations as it found them
 * — build its own people and tenants (unique names) for anything it changes. Outside a build (an IDE), the server is
 * this JVM's own and stops with it.
 */
public final class TestKeycloak {

    public static final String REALM = "cercle";
    public static final String CLIENT_ID = "cercle-web";

    private TestKeycloak() {
    }

    public static KeycloakServer get() {
        return Holder.SERVER;
    }

    private static final class Holder {
        static final KeycloakServer SERVER = start();

        private static KeycloakServer start() {
            byte[] realmJson = realmJson();
            return SharedTestKeycloak.forThisBuild(REALM, realmJson).orElseGet(() -> KeycloakServer.builder()
                    .realmJson(() -> new ByteArrayInputStream(realmJson), REALM)
                    .start());
        }
    }

    /** The test realm's JSON as imported. */
    static byte[] realmJson() {
        try (InputStream in = TestKeycloak.class.getResourceAsStream("keycloak/cercle-test-realm.json")) {
            return Objects.requireNonNull(in, "keycloak/cercle-test-realm.json is missing").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String issuerUri() {
        return get().issuerUri();
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
