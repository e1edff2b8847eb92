package io.cercle.testsupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sharing of one test Keycloak by the JVMs of a build (docs/adr/0012), without starting another Keycloak: the
 * lease names the server, a second JVM attaches to it, and the watchdog stops a server nobody uses any more. A
 * {@code sleep} process stands in for Keycloak (and for the build's Maven) where only its life matters.
 */
class SharedTestKeycloakTest {

    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stopStandIns() {
        processes.forEach(Process::destroyForcibly);
    }

    @Test
    void oneBuildAndRealmNameOneLeaseAndAnotherBuildCloneOrRealmAnother() {
        byte[] realm = "{\"realm\":\"cercle\"}".getBytes(StandardCharsets.UTF_8);
        Path lease = SharedTestKeycloak.leaseDirectory("20261206T120000.000", "/src/cercle", realm);

        assertThat(SharedTestKeycloak.leaseDirectory("20261206T120000.000", "/src/cercle/", realm)).isEqualTo(lease);
        assertThat(SharedTestKeycloak.leaseDirectory("20261206T120000.001", "/src/cercle", realm)).isNotEqualTo(lease);
        assertThat(SharedTestKeycloak.leaseDirectory("20261206T120000.000", "/src/other-clone", realm))
                .isNotEqualTo(lease);
        assertThat(SharedTestKeycloak.leaseDirectory("20261206T120000.000", "/src/cercle",
                "{\"realm\":\"cercle\",\"enabled\":true}".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(lease);
    }

    @Test
    void aSecondJvmOfTheBuildAttachesToTheLeasedServerInsteadOfStartingOne(@TempDir Path dir) throws Exception {
        KeycloakServer running = TestKeycloak.get();
        Path lease = dir.resolve("lease.properties");
        // The test JVM's own pid stands for the server's: alive, and never stopped by this test.
        SharedTestKeycloak.write(lease, running, ProcessHandle.current().pid());
        Files.setLastModifiedTime(lease, FileTime.from(Instant.now().minusSeconds(60)));

        KeycloakServer attached = SharedTestKeycloak.attach(dir, TestKeycloak.REALM, TestKeycloak.realmJson(), 0);

        assertThat(attached.baseUrl()).isEqualTo(running.baseUrl());
        assertThat(attached.adminPassword()).isEqualTo(running.adminPassword());
        assertThat(attached.startupTime()).isZero();
        assertThat(Files.getLastModifiedTime(lease).toInstant()).isAfter(Instant.now().minusSeconds(30));
        assertThat(dir.resolve("watchdog.log")).doesNotExist();
        var bob = TestUser.TENANT_A_MEMBER;
        assertThat(KeycloakServer.claims(attached.accessToken(bob.username(), bob.password(), TestKeycloak.CLIENT_ID))
                .get("preferred_username")).isEqualTo("bob");
    }

    @Test
    void aLeaseNamingADeadServerIsNotUsed(@TempDir Path dir) throws Exception {
        Process dead = new ProcessBuilder("true").start();
        dead.waitFor();
        SharedTestKeycloak.write(dir.resolve("lease.properties"), TestKeycloak.get(), dead.pid());

        assertThat(SharedTestKeycloak.read(dir.resolve("lease.properties"))).isEmpty();
    }

    @Test
    void theWatchdogStopsAServerNobodyTouchedAndRemovesItsLeaseAndRunDirectory(@TempDir Path dir) throws Exception {
        Process server = standIn();
        Path lease = lease(dir, server.pid());
        Path run = Files.createDirectories(dir.resolve("run-1/h2"));
        Files.setLastModifiedTime(lease, FileTime.from(Instant.now().minusSeconds(60)));

        SharedTestKeycloak.startWatchdog(dir, lease, server.pid(), 0, Duration.ofSeconds(2), Duration.ofSeconds(1),
                run.getParent());

        await().atMost(Duration.ofSeconds(30)).until(() -> !server.isAlive());
        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(run.getParent()));
        assertThat(lease).doesNotExist();
    }

    @Test
    void aServerInUseStaysUpAndStopsSoonAfterTheBuildEnds(@TempDir Path dir) throws Exception {
        Process server = standIn();
        Process build = standIn();
        Path lease = lease(dir, server.pid());
        Path run = Files.createDirectories(dir.resolve("run-1"));

        SharedTestKeycloak.startWatchdog(dir, lease, server.pid(), build.pid(), Duration.ofHours(1),
                Duration.ofSeconds(2), run);
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("watchdog.log"))
                && Files.readString(dir.resolve("watchdog.log")).contains("watching"));
        // Touched like a test JVM does, while the build runs: the server stays.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> {
            touch(lease);
            return server.isAlive();
        });

        build.destroy();

        await().atMost(Duration.ofSeconds(20)).until(() -> !server.isAlive());
        assertThat(lease).doesNotExist();
        assertThat(Files.readString(dir.resolve("watchdog.log"))).contains("stopping Keycloak");
    }

    @Test
    void theWatchdogLeavesALeaseThatNamesAnotherServer(@TempDir Path dir) throws Exception {
        Process oldServer = standIn();
        Process newServer = standIn();
        Path lease = lease(dir, newServer.pid());

        SharedTestKeycloak.startWatchdog(dir, lease, oldServer.pid(), 0, Duration.ofHours(1), Duration.ofHours(1),
                dir.resolve("run-old"));

        await().atMost(Duration.ofSeconds(30)).until(() -> !oldServer.isAlive());
        assertThat(newServer.isAlive()).isTrue();
        assertThat(Files.readString(lease)).contains("pid=" + newServer.pid());
    }

    private Process standIn() throws IOException {
        Process process = new ProcessBuilder("sleep", "600").start();
        processes.add(process);
        return process;
    }

    private static Path lease(Path dir, long pid) throws IOException {
        return Files.writeString(dir.resolve("lease.properties"), "baseUrl=http\\://localhost\\:1\npid=" + pid + "\n");
    }

    private static void touch(Path lease) throws IOException {
        Files.setLastModifiedTime(lease, FileTime.from(Instant.now()));
    }
}
