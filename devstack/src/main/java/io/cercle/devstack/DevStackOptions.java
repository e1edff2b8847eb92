package io.cercle.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the devstack starts and where. {@link #defaults(Path)} is the documented local run: MongoDB 27017,
 * RabbitMQ/AMQP 5672, SMTP 3025 + mail REST API 8025, Keycloak 8180, services 8080–8085.
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
        Duration readinessTimeout) {

    public static DevStackOptions defaults(Path repoRoot) {
        Path root = repoRoot.toAbsolutePath().normalize();
        return new DevStackOptions(root, root.resolve("target/devstack"), 27017, 5672, 3025, 8025, 8180,
                "admin", ServiceSpec.ALL, Duration.ofSeconds(180));
    }

    public DevStackOptions withServices(List<ServiceSpec> services) {
        return new DevStackOptions(repoRoot, runDirectory, mongoPort, brokerPort, smtpPort, mailApiPort, keycloakPort,
                keycloakAdminPassword, services, readinessTimeout);
    }

    public DevStackOptions withRunDirectory(Path runDirectory) {
        return new DevStackOptions(repoRoot, runDirectory, mongoPort, brokerPort, smtpPort, mailApiPort, keycloakPort,
                keycloakAdminPassword, services, readinessTimeout);
    }

    public DevStackOptions withReadinessTimeout(Duration readinessTimeout) {
        return new DevStackOptions(repoRoot, runDirectory, mongoPort, brokerPort, smtpPort, mailApiPort, keycloakPort,
                keycloakAdminPassword, services, readinessTimeout);
    }
}
