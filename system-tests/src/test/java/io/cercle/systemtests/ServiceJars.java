package io.cercle.systemtests;

import io.cercle.testsupport.FailFirstDelivery;
import io.cercle.testsupport.ManagedProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;

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
        var command = new ArrayList<>(java());
        command.addAll(List.of("-jar", jar(module).toString()));
        command.addAll(List.of(arguments));
        return ManagedProcess.start(module, command, environment, REPO_ROOT, REPO_ROOT.resolve(log));
    }

    /**
     * Starts {@code module} with test-support's {@link FailFirstDelivery}: the first delivery of an event about each
     * subject fails inside its inbox. The jar stays as built; Spring Boot's PropertiesLauncher (in every executable
     * jar) adds test-support's classes from {@code loader.path}, and {@code spring.main.sources} adds the class to
     * the application context. Only that class is loaded from there: test-support's dependencies are not on the path.
     */
    static ManagedProcess startWithFailFirstDelivery(String module, Map<String, String> environment, String log,
                                                     String... subjects) {
        Path jar = jar(module);
        var command = new ArrayList<>(java());
        command.add("-Dloader.path=" + location(FailFirstDelivery.class));
        command.add("-Dloader.main=" + startClass(jar));
        command.addAll(List.of("-cp", jar.toString(), "org.springframework.boot.loader.launch.PropertiesLauncher",
                "--spring.main.sources=" + FailFirstDelivery.class.getName(),
                "--" + FailFirstDelivery.SUBJECTS + "=" + String.join(",", subjects)));
        return ManagedProcess.start(module, command, environment, REPO_ROOT, REPO_ROOT.resolve(log));
    }

    private static List<String> java() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xmx256m");
    }

    private static Path jar(String module) {
        return REPO_ROOT.resolve(module).resolve("target")
                .resolve(module + "-" + System.getProperty("cercle.version", "0.1.0-SNAPSHOT") + "-exec.jar");
    }

    private static String startClass(Path jar) {
        try (var file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Start-Class");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The jar or classes directory a class was loaded from. */
    private static Path location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
