package io.cercle.testsupport;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Stops the test Keycloak a build shares (docs/adr/0012) once nobody uses it: a process of its own, because the
 * server must outlive the test JVM that started it. Test JVMs using the server touch its lease every few seconds;
 * the watchdog stops the server when the lease has not been touched for {@code idle}, or for {@code grace} once the
 * Maven process of the build has exited. It also exits when the server does.
 *
 * <p>Run as {@code java -cp <dir> io.cercle.testsupport.KeycloakWatchdog <lease> <lock> <keycloakPid> <buildPid|0>
 * <idleSeconds> <graceSeconds> <runDirectory>} from a copy of this one class file ({@link SharedTestKeycloak}), so
 * that neither a {@code mvn clean} nor the end of the test JVM's class path can pull it from under it. Hence JDK
 * classes only, and no nested or anonymous classes.
 */
public final class KeycloakWatchdog {

    private static final Duration POLL = Duration.ofSeconds(1);
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private KeycloakWatchdog() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 7) {
            System.err.println("usage: KeycloakWatchdog <lease> <lock> <keycloakPid> <buildPid|0> <idleSeconds> "
                    + "<graceSeconds> <runDirectory>");
            System.exit(2);
        }
        Path lease = Path.of(args[0]);
        Path lock = Path.of(args[1]);
        long keycloakPid = Long.parseLong(args[2]);
        long buildPid = Long.parseLong(args[3]);
        Duration idle = Duration.ofSeconds(Long.parseLong(args[4]));
        Duration grace = Duration.ofSeconds(Long.parseLong(args[5]));
        Path runDirectory = Path.of(args[6]);
        log("watching Keycloak pid " + keycloakPid + " (lease " + lease + ", build pid " + buildPid + ", idle " + idle
                + ", grace after the build " + grace + ")");
        while (true) {
            Thread.sleep(POLL.toMillis());
            if (!alive(keycloakPid)) {
                log("Keycloak exited by itself");
                try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                     FileLock ignored = channel.lock()) {
                    deleteLeaseOf(lease, keycloakPid);
                }
                deleteTree(runDirectory);
                return;
            }
            if (!unused(lease, keycloakPid, buildPid, idle, grace)) {
                continue;
            }
            // Under the lock, so that no test JVM picks the lease up while the server goes away.
            try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                if (!unused(lease, keycloakPid, buildPid, idle, grace)) {
                    continue;
                }
                log("unused (lease last touched " + sinceTouched(lease).map(Duration::toString).orElse("never/withdrawn")
                        + " ago); stopping Keycloak");
                deleteLeaseOf(lease, keycloakPid);
                stop(keycloakPid);
            }
            deleteTree(runDirectory);
            log("stopped");
            return;
        }
    }

    /**
     * The lease names another server (this one stopped answering and was replaced), or nobody touched it for
     * {@code idle}, or for {@code grace} after the build's Maven exited.
     */
    static boolean unused(Path lease, long keycloakPid, long buildPid, Duration idle, Duration grace) {
        Optional<Duration> since = sinceTouched(lease);
        if (since.isEmpty() || !names(lease, keycloakPid)) {
            return true;
        }
        boolean buildOver = buildPid > 0 && !alive(buildPid);
        return since.get().compareTo(idle) > 0 || (buildOver && since.get().compareTo(grace) > 0);
    }

    private static Optional<Duration> sinceTouched(Path lease) {
        try {
            Instant touched = Files.getLastModifiedTime(lease).toInstant();
            return Optional.of(Duration.between(touched, Instant.now()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    private static boolean names(Path lease, long keycloakPid) {
        try {
            return Files.readAllLines(lease).contains("pid=" + keycloakPid);
        } catch (IOException e) {
            return false;
        }
    }

    /** Only this server's lease: a new server may already hold the file if this one died on its own. */
    private static void deleteLeaseOf(Path lease, long keycloakPid) throws IOException {
        if (names(lease, keycloakPid)) {
            Files.deleteIfExists(lease);
        }
    }

    /** kc.sh forwards TERM to its Java child; the whole tree is stopped anyway, children first. */
    private static void stop(long pid) throws InterruptedException {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return;
        }
        List<ProcessHandle> tree = handle.get().descendants().toList();
        tree.forEach(ProcessHandle::destroy);
        handle.get().destroy();
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle process : Stream.concat(tree.stream(), Stream.of(handle.get())).toList()) {
            try {
                process.onExit().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception notYet) {
                if (notYet instanceof InterruptedException) {
                    throw (InterruptedException) notYet;
                }
                process.destroyForcibly();
            }
        }
    }

    /** {@link FileTrees#delete}'s walk, repeated on purpose: this class runs alone, with JDK classes only. */
    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            log("could not delete " + root + ": " + e);
        }
    }

    private static void log(String message) {
        System.out.println(Instant.now() + " keycloak-watchdog: " + message);
    }
}
