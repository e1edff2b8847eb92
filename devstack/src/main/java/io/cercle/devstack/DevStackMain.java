package io.cercle.devstack;

import io.cercle.testsupport.KeycloakServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar devstack-<version>-exec.jar [repo root]} — usually through {@code devstack/run}. Starts the
 * stack, prints how to use it, and runs until Ctrl-C, which stops every process it started.
 */
public final class DevStackMain {

    private static final Logger log = LoggerFactory.getLogger(DevStackMain.class);

    private DevStackMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path repoRoot = Path.of(args.length > 0 ? args[0] : System.getProperty("cercle.repo.root", "."))
                .toAbsolutePath().normalize();
        if (!Files.isRegularFile(repoRoot.resolve("pom.xml"))) {
            log.error("{} is not the Cercle repository root (no pom.xml); pass it as the first argument.", repoRoot);
            System.exit(2);
        }
        DevStack stack;
        try {
            stack = DevStack.start(withRunningKeycloak(DevStackOptions.defaults(repoRoot)
                    .withServices(selectedServices())));
        } catch (RuntimeException e) {
            log.error("The devstack did not start: {}", e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("Stopping the Cercle devstack…");
            stack.close();
        }, "cercle-devstack-stop"));
        log.info("{}", Banner.ready(stack));
        new CountDownLatch(1).await();
    }

    /**
     * -Dcercle.devstack.keycloak-url=http://localhost:8080 (with -Dcercle.devstack.keycloak-admin-username, default
     * admin, and -Dcercle.devstack.keycloak-admin-password) uses a Keycloak that is already running: the demo realm
     * is imported there under a name of its own and removed at Ctrl-C.
     */
    private static DevStackOptions withRunningKeycloak(DevStackOptions options) {
        String url = System.getProperty("cercle.devstack.keycloak-url", "").trim();
        if (url.isEmpty()) {
            return options;
        }
        return options.withRunningKeycloak(KeycloakServer.connect(url, DevStack.REALM,
                System.getProperty("cercle.devstack.keycloak-admin-username", "admin"),
                System.getProperty("cercle.devstack.keycloak-admin-password", "admin")));
    }

    /** -Dcercle.devstack.services=identity,gateway runs a subset; "none" runs the infrastructure only. */
    private static List<ServiceSpec> selectedServices() {
        String selection = System.getProperty("cercle.devstack.services", "").trim();
        if (selection.isEmpty()) {
            return ServiceSpec.ALL;
        }
        List<String> names = Arrays.stream(selection.split(",")).map(String::trim).toList();
        return ServiceSpec.ALL.stream()
                .filter(s -> names.contains(s.shortName()) || names.contains(s.module()))
                .toList();
    }
}
