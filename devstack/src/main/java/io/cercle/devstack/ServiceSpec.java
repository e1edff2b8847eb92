package io.cercle.devstack;

import java.util.List;

/** One of the six Cercle services as the devstack runs it: module directory, port, and its short name. */
public record ServiceSpec(String module, String shortName, int port) {

    public static final ServiceSpec GATEWAY = new ServiceSpec("gateway-service", "gateway", 8080);
    public static final ServiceSpec IDENTITY = new ServiceSpec("identity-service", "identity", 8081);
    public static final ServiceSpec COMMUNITY = new ServiceSpec("community-service", "community", 8082);
    public static final ServiceSpec CONTENT = new ServiceSpec("content-service", "content", 8083);
    public static final ServiceSpec GAMIFICATION = new ServiceSpec("gamification-service", "gamification", 8084);
    public static final ServiceSpec NOTIFICATION = new ServiceSpec("notification-service", "notification", 8085);

    public static final List<ServiceSpec> ALL = List.of(GATEWAY, IDENTITY, COMMUNITY, CONTENT, GAMIFICATION, NOTIFICATION);

    public String baseUrl() {
        return "http://localhost:" + port;
    }

    /** The executable jar the root pom's "service" profile builds: {@code <module>-<version>-exec.jar}. */
    public String execJar(String version) {
        return module + "/target/" + module + "-" + version + "-exec.jar";
    }

    /** Each service owns its database (DESIGN.md): cercle-identity, cercle-content… */
    public String database() {
        return "cercle-" + shortName;
    }
}
