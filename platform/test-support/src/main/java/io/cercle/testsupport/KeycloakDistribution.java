package io.cercle.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Keycloak's server distribution from Maven Central, unpacked once into a cache shared by every run on this machine
 * and "built" once ({@code kc.sh build}) so that each start can be {@code --optimized} (~10 s instead of ~35 s).
 * Per-run state (database, logs) never goes into the cache: see {@link KeycloakServer}.
 */
final class KeycloakDistribution {

    /** System property (or env CERCLE_KEYCLOAK_DIST) naming the distribution zip; the build sets it. */
    static final String DIST_PROPERTY = "cercle.keycloak.dist";
    static final String CACHE_PROPERTY = "cercle.keycloak.cache";
    /** Build-time options; a change here triggers a new build of the cached distribution. */
    static final List<String> BUILD_OPTIONS = List.of("--db=dev-file", "--health-enabled=true");

    private static final Logger log = LoggerFactory.getLogger(KeycloakDistribution.class);
    private static final Pattern VERSION = Pattern.compile("keycloak-quarkus-dist-(.+)\\.zip");
    private static final String UNPACKED_MARKER = ".cercle-unpacked";
    private static final String BUILT_MARKER = ".cercle-built";

    private KeycloakDistribution() {
    }

    /** Returns the home of an unpacked, built distribution, preparing it when needed. */
    static synchronized Path prepare(Path zip) {
        String version = versionOf(zip);
        Path cache = cacheRoot().resolve("keycloak-" + version);
        try {
            Files.createDirectories(cache);
            // Several JVMs (a test run and a devstack) may prepare at once: a file lock serialises them.
            try (FileChannel channel = FileChannel.open(cache.resolve(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                Path home = cache.resolve("keycloak-" + version);
                if (!Files.exists(cache.resolve(UNPACKED_MARKER))) {
                    unpack(zip, cache, home);
                }
                String buildOptions = String.join(" ", BUILD_OPTIONS);
                Path built = home.resolve(BUILT_MARKER);
                if (!Files.exists(built) || !Files.readString(built).equals(buildOptions)) {
                    build(home);
                    Files.writeString(built, buildOptions);
                }
                return home;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare Keycloak " + version + " in " + cache, e);
        }
    }

    /** Where machine-wide, run-independent things go: -Dcercle.keycloak.cache, else ~/.cache/cercle. */
    static Path cacheRoot() {
        return Path.of(System.getProperty(CACHE_PROPERTY,
                Path.of(System.getProperty("user.home"), ".cache", "cercle").toString()));
    }

    /** The distribution zip: -Dcercle.keycloak.dist, env CERCLE_KEYCLOAK_DIST, else the local Maven repository. */
    static Path locateZip() {
        String configured = System.getProperty(DIST_PROPERTY, System.getenv("CERCLE_KEYCLOAK_DIST"));
        Path zip;
        if (configured != null && !configured.isBlank() && !configured.startsWith("${")) {
            zip = Path.of(configured);
        } else {
            String version = Versions.keycloak();
            Path repository = Path.of(System.getProperty("maven.repo.local",
                    Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
            zip = repository.resolve(Path.of("org", "keycloak", "keycloak-quarkus-dist", version,
                    "keycloak-quarkus-dist-" + version + ".zip"));
        }
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak distribution not found at " + zip + ". Build the module that "
                    + "declares org.keycloak:keycloak-quarkus-dist:zip, or run: ./mvnw dependency:get "
                    + "-Dartifact=org.keycloak:keycloak-quarkus-dist:" + Versions.keycloak() + ":zip -Dtransitive=false");
        }
        return zip;
    }

    private static String versionOf(Path zip) {
        Matcher matcher = VERSION.matcher(zip.getFileName().toString());
        return matcher.matches() ? matcher.group(1) : Versions.keycloak();
    }

    private static void unpack(Path zip, Path cache, Path home) throws IOException {
        long started = System.nanoTime();
        log.info("Unpacking Keycloak {} into {} (once per machine)", zip.getFileName(), cache);
        Path staging = Files.createTempDirectory(cache, "unpacking-");
        try (ZipFile zipFile = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = zipFile.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = staging.resolve(entry.getName()).normalize();
                if (!target.startsWith(staging)) {
                    throw new IOException("Zip entry escapes the target directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = zipFile.getInputStream(entry)) {
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Path unpackedHome;
        try (Stream<Path> children = Files.list(staging)) {
            unpackedHome = children.filter(p -> Files.exists(p.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IOException(zip + " holds no bin/kc.sh"));
        }
        // java.util.zip drops Unix permissions.
        try (Stream<Path> scripts = Files.list(unpackedHome.resolve("bin"))) {
            scripts.filter(p -> p.toString().endsWith(".sh")).forEach(p -> p.toFile().setExecutable(true));
        }
        FileTrees.delete(home);
        Files.move(unpackedHome, home);
        FileTrees.delete(staging);
        Files.writeString(cache.resolve(UNPACKED_MARKER), zip.toString());
        log.info("Unpacked Keycloak in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }

    private static void build(Path home) throws IOException {
        long started = System.nanoTime();
        log.info("Building Keycloak for fast starts: kc.sh build {} (once per machine, ~30 s)", BUILD_OPTIONS);
        List<String> command = Stream.concat(Stream.of(home.resolve("bin/kc.sh").toString(), "build"),
                BUILD_OPTIONS.stream()).toList();
        Path logFile = home.resolve("cercle-build.log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(home.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile());
        builder.environment().put("JAVA_HOME", KeycloakServer.javaHome());
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException("kc.sh build failed; see " + logFile);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while building Keycloak", e);
        }
        log.info("Built Keycloak in {} s", (System.nanoTime() - started) / 1_000_000_000);
    }
}
