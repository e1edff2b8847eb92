package io.cercle.devstack;

import io.cercle.testsupport.KeycloakServer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the devstack starts and where. {@link #defaults(Path)} is the documented local run: MongoDB 27017,
 * RabbitMQ/AMQP 5672, SMTP 3025 + mail REST API 8025, Keycloak 8180, services 8080–8085.
 *
 * <p>{@code runningKeycloak}, when set ({@link #withRunningKeycloak}), is a Keycloak that is already running: the
 * devstack starts none and imports its demo realm there as a realm of its own, removed again on close (tests share
 * the build's test Keycloak this way, docs/adr/0012). {@code keycloakPort} and {@code keycloakAdminPassword} then
 * do not apply.
 */
public record DevStackOptions(
        Path repoRoot,
        Path runDirectory,
        int mongoPort,
        int brokerPort,
        int smtpPort,
        int mailApiPort,
        int keycloakPort,
        String keycloakAdminPassword,
        List<ServiceSpec> services,
        Duration readinessTimeout,
        KeycloakServer runningKeycloak) {

    public static DevStackOptions defaults(Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        return new DevStackOptions(root, root.resolve("target/devstack"), 27017, 5672, 3025, 8025, 8180,
                "admin", ServiceSpec.ALL, Duration.ofSeconds(180), null);
    }

    public DevStackOptions withServices(List<ServiceSpec> services) {
        return new DevStackOptions(repoRoot, runDirectory, mongoPort, brokerPort, smtpPort, mailApiPort, keycloakPort,
                keycloakAdminPassword, services, readinessTimeout, runningKeycloak);
    }

    public DevStackOptions withRunDirectory(Path runDirectory) {
        return new DevStackOptions(repoRoot, runDirectory, mongoPort, brokerPort, smtpPort, mailApiPort, keycloakPort,
                keycloakAdminPassword, services, readinessTimeout, runningKeycloak);
    }

    public DevStackOptions withReadinessTimeout(Duration readinessTimeout) {
        return new DevStackOptions(repoRoot, runDirectory, mongoPort, brokerPort, smtpPort, mailApiPort, keycloakPort,
                keycloakAdminPassword, services, readinessTimeout, runningKeycloak);
    }

    /** Use this running Keycloak instead of starting one (see the class comment). */
    public DevStackOptions withRunningKeycloak(KeycloakServer keycloak) {
        return new DevStackOptions(repoRoot, runDirectory, mongoPort, brokerPort, smtpPort, mailApiPort, keycloakPort,
                keycloakAdminPassword, services, readinessTimeout, keycloak);
    }
}
