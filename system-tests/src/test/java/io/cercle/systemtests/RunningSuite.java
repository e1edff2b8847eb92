package io.cercle.systemtests;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.cercle.devstack.DevStack;
import io.cercle.devstack.DevStackOptions;
import io.cercle.testsupport.TestKeycloak;

import java.nio.file.Path;

/**
 * The whole suite, started once for every journey of this test run (it takes a minute) and stopped with the JVM.
 * Its Keycloak is the build's test Keycloak, with the demo realm as a realm of its own (docs/adr/0012).
 */
final class RunningSuite {

    private static final Logger log = LoggerFactory.getLogger(RunningSuite.class);

    private RunningSuite() {
    }

    static DevStack get() {
        return Holder.STACK;
    }

    private static final class Holder {
        static final DevStack STACK = start();

        private static DevStack start() {
            Path repoRoot = Path.of(System.getProperty("cercle.repo.root", "..")).toAbsolutePath().normalize();
            DevStack stack = DevStack.start(DevStackOptions.defaults(repoRoot)
                    .withRunDirectory(repoRoot.resolve("system-tests/target/devstack"))
                    .withRunningKeycloak(TestKeycloak.get()));
            Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "cercle-suite-stop"));
            log.info("Cercle suite ready in {} ms (broker: {}; logs: {})", stack.startupTime().toMillis(),
                    stack.brokerDescription(), stack.logDirectory());
            return stack;
        }
    }
}
