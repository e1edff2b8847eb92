package io.cercle.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * One test Keycloak for all the test JVMs of one Maven build (docs/adr/0012-one-test-keycloak-per-build.md).
 *
 * <p>The root pom gives every surefire and failsafe JVM the same build id ({@value #BUILD_ID_PROPERTY}, the
 * reactor's start time to the millisecond) and the repository root. They name a lease directory under
 * {@code ~/.cache/cercle/test-keycloak/}, keyed also by the realm JSON and the Keycloak version, so another build, a
 * second clone or a changed realm never sees this build's server or the users its tests created. Under a file lock,
 * the first JVM starts a detached server and writes the lease (URL, admin password, pid); the others find it there.
 * Each JVM touches the lease every {@link #HEARTBEAT} while it lives; {@link KeycloakWatchdog} stops the server
 * once nobody has touched it for a while, sooner when the build's Maven process is gone.
 *
 * <p>Without a build id (a test run from an IDE, a single-JVM run without the root pom) there is no lease:
 * {@link TestKeycloak} starts a server for its JVM as before.
 */
final class SharedTestKeycloak {

    static final String BUILD_ID_PROPERTY = "cercle.build.id";
    static final String BUILD_ROOT_PROPERTY = "cercle.build.root";
    /** How long the server may stay unused while the build still runs (ISO-8601, e.g. PT10M). */
    static final String IDLE_PROPERTY = "cercle.test-keycloak.idle-timeout";
    static final Duration HEARTBEAT = Duration.ofSeconds(5);
    /** Once the build's Maven has exited, no JVM will come for the server: a few missed heartbeats suffice. */
    static final Duration GRACE_AFTER_BUILD = Duration.ofSeconds(15);
    private static final Duration DEFAULT_IDLE = Duration.ofMinutes(15);
    private static final Duration PRUNE_AFTER = Duration.ofDays(1);
    private static final String LEASE = "lease.properties";

    private static final Logger log = LoggerFactory.getLogger(SharedTestKeycloak.class);
    private static final Set<Path> touchedLeases = ConcurrentHashMap.newKeySet();
    private static ScheduledExecutorService heartbeat;

    private SharedTestKeycloak() {
    }

    /** The build's shared server for this realm (started here if it is not running yet); empty without a build id. */
    static Optional<KeycloakServer> forThisBuild(String realm, byte[] realmJson) {
        String buildId = System.getProperty(BUILD_ID_PROPERTY);
        if (buildId == null || buildId.isBlank() || buildId.startsWith("${")) {
            return Optional.empty();
        }
        String root = System.getProperty(BUILD_ROOT_PROPERTY, "");
        return Optional.of(attach(leaseDirectory(buildId, root, realmJson), realm, realmJson, buildPid()));
    }

    static Path leaseDirectory(String buildId, String buildRoot, byte[] realmJson) {
        String root = buildRoot.isBlank() ? "" : Path.of(buildRoot).toAbsolutePath().normalize().toString();
        String key = sha256((buildId + "\n" + root + "\n" + Versions.keycloak() + "\n" + sha256(realmJson))
                .getBytes(StandardCharsets.UTF_8)).substring(0, 20);
        return KeycloakDistribution.cacheRoot().resolve("test-keycloak").resolve(key);
    }

    /**
     * The server described by the lease in {@code dir} if it answers, else a new one, started detached with a
     * watchdog bound to {@code buildPid} (0: none, the idle timeout alone stops it).
     */
    static synchronized KeycloakServer attach(Path dir, String realm, byte[] realmJson, long buildPid) {
        try {
            Files.createDirectories(dir);
            pruneOldLeases(dir.getParent(), dir);
            Path lease = dir.resolve(LEASE);
            KeycloakServer server;
            try (FileChannel channel = FileChannel.open(dir.resolve("lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Optional<KeycloakServer> leased = read(lease).filter(KeycloakServer::answers);
                if (leased.isPresent()) {
                    server = leased.get();
                    touch(lease);
                    log.info("Keycloak shared by this build reused at {} (realm '{}'; lease {})", server.baseUrl(),
                            server.realm(), lease);
                } else {
                    server = start(dir, lease, realm, realmJson, buildPid);
                }
            }
            startHeartbeat(lease);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not use the shared test Keycloak in " + dir, e);
        }
    }

    private static KeycloakServer start(Path dir, Path lease, String realm, byte[] realmJson, long buildPid)
            throws IOException {
        Path runDirectory = dir.resolve("run-" + System.currentTimeMillis());
        KeycloakServer server = KeycloakServer.builder()
                .realmJson(() -> new ByteArrayInputStream(realmJson), realm)
                .runDirectory(runDirectory)
                .detached()
                .start();
        long pid = server.process().pid();
        try {
            write(lease, server, pid);
            startWatchdog(dir, lease, pid, buildPid, idleTimeout(), GRACE_AFTER_BUILD, runDirectory);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        log.info("Keycloak at {} is shared by the test JVMs of this build until unused for {} (lease {})",
                server.baseUrl(), idleTimeout(), lease);
        return server;
    }

    static void write(Path lease, KeycloakServer server, long pid) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("baseUrl", server.baseUrl());
        properties.setProperty("managementPort", String.valueOf(server.managementPort()));
        properties.setProperty("realm", server.realm());
        properties.setProperty("adminUsername", server.adminUsername());
        properties.setProperty("adminPassword", server.adminPassword());
        properties.setProperty("pid", String.valueOf(pid));
        properties.setProperty("logFile", server.logFile().toString());
        properties.setProperty("startedAt", Instant.now().toString());
        Path staging = Files.createTempFile(lease.getParent(), "lease-", ".tmp");
        try (Writer out = Files.newBufferedWriter(staging)) {
            properties.store(out, "The test Keycloak of one build (docs/adr/0012); deleted when it stops");
        }
        Files.move(staging, lease, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static Optional<KeycloakServer> read(Path lease) throws IOException {
        if (!Files.isRegularFile(lease)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(lease)) {
            properties.load(in);
        }
        long pid = Long.parseLong(properties.getProperty("pid", "0"));
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(KeycloakServer.connect(properties.getProperty("baseUrl"),
                Integer.parseInt(properties.getProperty("managementPort", "0")), properties.getProperty("realm"),
                properties.getProperty("adminUsername"), properties.getProperty("adminPassword"),
                Path.of(properties.getProperty("logFile"))));
    }

    /** The watchdog runs from a copy of its class file, so that nothing in the build can delete it under it. */
    static ManagedProcess startWatchdog(Path dir, Path lease, long keycloakPid, long buildPid, Duration idle,
                                        Duration grace, Path runDirectory) throws IOException {
        Path classes = dir.resolve("watchdog");
        Path classFile = classes.resolve(KeycloakWatchdog.class.getName().replace('.', '/') + ".class");
        Files.createDirectories(classFile.getParent());
        try (InputStream in = KeycloakWatchdog.class.getResourceAsStream(
                KeycloakWatchdog.class.getSimpleName() + ".class")) {
            if (in == null) {
                throw new IllegalStateException("KeycloakWatchdog.class is not readable as a resource");
            }
            Files.copy(in, classFile, StandardCopyOption.REPLACE_EXISTING);
        }
        List<String> command = List.of(Path.of(KeycloakServer.javaHome(), "bin", "java").toString(),
                "-Xmx16m", "-Xss256k", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", classes.toString(), KeycloakWatchdog.class.getName(),
                lease.toString(), dir.resolve("lock").toString(), String.valueOf(keycloakPid),
                String.valueOf(buildPid), String.valueOf(idle.toSeconds()), String.valueOf(grace.toSeconds()),
                runDirectory.toString());
        return ManagedProcess.startDetached("keycloak-watchdog", command, Map.of(), dir, dir.resolve("watchdog.log"));
    }

    static Duration idleTimeout() {
        String configured = System.getProperty(IDLE_PROPERTY);
        return configured == null || configured.isBlank() ? DEFAULT_IDLE : Duration.parse(configured);
    }

    /**
     * The Maven process that runs this build: the nearest ancestor running Maven's launcher (surefire and failsafe
     * fork test JVMs from it, sometimes through a shell). 0 when there is none, e.g. under an IDE's runner.
     */
    static long buildPid() {
        Optional<ProcessHandle> ancestor = ProcessHandle.current().parent();
        while (ancestor.isPresent()) {
            ProcessHandle process = ancestor.get();
            String commandLine = process.info().commandLine().orElse("");
            if (commandLine.contains("org.codehaus.plexus.classworlds.launcher.Launcher")
                    || commandLine.contains("plexus-classworlds")) {
                return process.pid();
            }
            ancestor = process.parent();
        }
        return 0;
    }

    /** While this JVM lives, it keeps the lease fresh; a daemon thread, so it never holds the JVM up. */
    private static synchronized void startHeartbeat(Path lease) {
        touchedLeases.add(lease);
        if (heartbeat != null) {
            return;
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "cercle-test-keycloak-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        heartbeat.scheduleAtFixedRate(() -> touchedLeases.forEach(SharedTestKeycloak::touch), HEARTBEAT.toMillis(),
                HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void touch(Path lease) {
        try {
            Files.setLastModifiedTime(lease, FileTime.from(Instant.now()));
        } catch (IOException gone) {
            // The watchdog withdrew the lease (the server stopped): the next attach starts another.
        }
    }

    /** Lease directories of builds long over (a killed build leaves one behind); never one whose server runs. */
    private static void pruneOldLeases(Path parent, Path keep) {
        List<Path> old = new ArrayList<>();
        try (Stream<Path> children = Files.list(parent)) {
            children.filter(Files::isDirectory).filter(dir -> !dir.equals(keep)).forEach(dir -> {
                try {
                    boolean running = read(dir.resolve(LEASE)).isPresent();
                    Instant modified = Files.getLastModifiedTime(dir).toInstant();
                    if (!running && modified.isBefore(Instant.now().minus(PRUNE_AFTER))) {
                        old.add(dir);
                    }
                } catch (IOException | RuntimeException e) {
                    log.debug("Not pruning {}: {}", dir, e.toString());
                }
            });
        } catch (IOException e) {
            log.debug("Could not list {}: {}", parent, e.toString());
        }
        for (Path dir : old) {
            try {
                FileTrees.delete(dir);
            } catch (UncheckedIOException e) {
                log.debug("Could not prune {}: {}", dir, e.toString());
            }
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
