package io.cercle.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the build wrote into devstack.properties: the project version and where the process artifacts are. */
final class BuildInfo {

    private static final Properties PROPERTIES = load();

    private BuildInfo() {
    }

    static String version() {
        return PROPERTIES.getProperty("version");
    }

    /** The Keycloak distribution zip: -Dcercle.keycloak.dist, else the one this devstack was built against. */
    static Path keycloakDistribution() {
        return artifact("cercle.keycloak.dist", "keycloak.dist",
                Path.of("org", "keycloak", "keycloak-quarkus-dist", PROPERTIES.getProperty("keycloak.version"),
                        "keycloak-quarkus-dist-" + PROPERTIES.getProperty("keycloak.version") + ".zip"));
    }

    static Path greenMailStandalone() {
        String version = PROPERTIES.getProperty("greenmail.version");
        return artifact("cercle.greenmail.standalone", "greenmail.standalone",
                Path.of("com", "icegreen", "greenmail-standalone", version, "greenmail-standalone-" + version + ".jar"));
    }

    private static Path artifact(String systemProperty, String key, Path inRepository) {
        String configured = System.getProperty(systemProperty);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path built = Path.of(PROPERTIES.getProperty(key));
        if (Files.isRegularFile(built)) {
            return built;
        }
        // Built elsewhere: look in this user's local Maven repository.
        Path local = Path.of(System.getProperty("maven.repo.local",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString())).resolve(inRepository);
        if (Files.isRegularFile(local)) {
            return local;
        }
        throw new IllegalStateException("Not found: " + built + " nor " + local
                + ". Build the devstack module (./mvnw install -pl devstack -am) or set -D" + systemProperty);
    }

    private static Properties load() {
        try (InputStream in = BuildInfo.class.getResourceAsStream("devstack.properties")) {
            if (in == null) {
                throw new IllegalStateException("devstack.properties is missing: build the devstack with Maven");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
