package io.cercle.devstack;

import java.util.List;

/**
 * One of the six Cercle services as the devstack runs it: module directory, short name, port, and the port of its
 * probes and metrics (/actuator): the gateway's own management port, the same port for the others.
 */
public record ServiceSpec(String module, String shortName, int port, int managementPort) {

    /** The gateway's API port serves no /actuator: its probes and metrics are on MANAGEMENT_PORT. */
    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway-service", "gateway", 8080, 8090);
    public static final ServiceSpec IDENTITY = new ServiceSpec("identity-service", "identity", 8081);
    public static final ServiceSpec COMMUNITY = new ServiceSpec("community-service", "community", 8082);
    public static final ServiceSpec CONTENT = new ServiceSpec("content-service", "content", 8083);
    public static final ServiceSpec GAMIFICATION = new ServiceSpec("gamification-service", "gamification", 8084);
    public static final ServiceSpec NOTIFICATION = new ServiceSpec("notification-service", "notification", 8085);

    public static final List<ServiceSpec> ALL = List.of(GATEWAY, IDENTITY, COMMUNITY, CONTENT, GAMIFICATION, NOTIFICATION);

    public ServiceSpec(String module, String shortName, int port) {
        this(module, shortName, port, port);
    }

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** Where /actuator (health, Prometheus) answers. */
    public String managementUrl() {
        return "http://localhost:" + managementPort;
    }

    public boolean hasOwnManagementPort() {
        return managementPort != port;
    }

    /** The executable jar the root pom's "service" profile builds: {@code <module>-<version>-exec.jar}. */
    public String execJar(String version) {
        return module + "/target/" + module + "-" + version + "-exec.jar";
    }

    /** Each service owns its database (docs/architecture.md): cercle-identity, cercle-content… */
    public String database() {
        return "cercle-" + shortName;
    }
}
