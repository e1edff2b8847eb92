package io.cercle.systemtests;

import io.cercle.testsupport.ManagedProcess;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service's executable jar (the root pom's "service" profile builds it before this module's tests) started as a
 * process of its own, with exactly the environment given, small enough that several run beside the devstack.
 */
final class ServiceJars {

    static final Path REPO_ROOT = Path.of(System.getProperty("cercle.repo.root", "..")).toAbsolutePath().normalize();

    private ServiceJars() {
    }

    /** Starts {@code module} (e.g. identity-service); its output goes to {@code log}, under the repository root. */
    static ManagedProcess start(String module, Map<String, String> environment, String log, String... arguments) {
        Path jar = REPO_ROOT.resolve(module).resolve("target")
                .resolve(module + "-" + System.getProperty("cercle.version", "0.1.0-SNAPSHOT") + "-exec.jar");
        var command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m", "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        return ManagedProcess.start(module, command, environment, REPO_ROOT, REPO_ROOT.resolve(log));
    }
}
