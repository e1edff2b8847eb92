package io.cercle.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions pinned by the root pom, written into test-support.properties at build time. */
final class Versions {

    private static final Properties PROPERTIES = load();

    private Versions() {
    }

    static String keycloak() {
        return PROPERTIES.getProperty("keycloak.version");
    }

    private static Properties load() {
        try (InputStream in = Versions.class.getResourceAsStream("test-support.properties")) {
            if (in == null) {
                throw new IllegalStateException("test-support.properties is missing from the test-support jar");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
