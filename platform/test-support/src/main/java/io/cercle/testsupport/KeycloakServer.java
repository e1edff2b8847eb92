package io.cercle.testsupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A real Keycloak server, run from its Maven Central distribution as a separate process (never in this JVM: the
 * Quarkus server's 570 jars do not belong on a Spring Boot classpath).
 *
 * <p>Every start gets its own database directory and imports its realm through the Admin REST API once the
 * server answers, so each run holds exactly the realm JSON given — no leftovers from an earlier run, and two
 * servers (a devstack and a test run) can share the cached distribution at the same time.
 *
 * <p>A handle may also stand for a server this JVM did not start ({@link #connect}, {@link #inRealm}): then
 * {@link #close()} leaves the server running.
 */
public final class KeycloakServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeycloakServer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ADMIN_USERNAME = "admin";

    /** Null when this handle does not own the server's process. */
    private final ManagedProcess process;
    private final String baseUrl;
    private final int managementPort;
    private final String realm;
    private final Duration startupTime;
    private final HttpClient http;
    private final Path temporaryRunDirectory;
    private final String adminUsername;
    private final String adminPassword;
    private final Path logFile;

    private KeycloakServer(ManagedProcess process, String baseUrl, int managementPort, String realm,
                           Duration startupTime, HttpClient http, Path temporaryRunDirectory, String adminUsername,
                           String adminPassword, Path logFile) {
        this.process = process;
        this.baseUrl = baseUrl;
        this.managementPort = managementPort;
        this.realm = realm;
        this.startupTime = startupTime;
        this.http = http;
        this.temporaryRunDirectory = temporaryRunDirectory;
        this.adminUsername = adminUsername;
        this.adminPassword = adminPassword;
        this.logFile = logFile;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A handle on a Keycloak that is already running (started by another JVM or by hand), e.g.
     * {@code connect("http://localhost:8180", "cercle", "admin", "admin")}; {@link #close()} leaves it running.
     */
    public static KeycloakServer connect(String baseUrl, String realm, String adminUsername, String adminPassword) {
        return connect(baseUrl, 0, realm, adminUsername, adminPassword, null);
    }

    static KeycloakServer connect(String baseUrl, int managementPort, String realm, String adminUsername,
                                  String adminPassword, Path logFile) {
        String url = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        return new KeycloakServer(null, url, managementPort, realm, Duration.ZERO, newHttpClient(), null,
                adminUsername, adminPassword, logFile);
    }

    /** A handle on this same server whose {@link #realm()} (issuer, tokens) is {@code otherRealm}; it owns nothing. */
    public KeycloakServer inRealm(String otherRealm) {
        return new KeycloakServer(null, baseUrl, managementPort, otherRealm, Duration.ZERO, http, null, adminUsername,
                adminPassword, logFile);
    }

    private static HttpClient newHttpClient() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    }

    /** The JVM running this code also runs Keycloak (Java 17+), so no other JDK has to be found. */
    static String javaHome() {
        return System.getProperty("java.home");
    }

    public int port() {
        return URI.create(baseUrl).getPort();
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The issuer of the imported realm's tokens, e.g. http://localhost:8180/realms/cercle. */
    public String issuerUri() {
        return baseUrl() + "/realms/" + realm;
    }

    public String tokenEndpoint() {
        return issuerUri() + "/protocol/openid-connect/token";
    }

    /** Health endpoints live on the management port (/health/ready); unknown for a server given by URL only. */
    public String managementUrl() {
        if (managementPort <= 0) {
            throw new IllegalStateException("The management port of " + baseUrl + " is not known to this handle");
        }
        return "http://localhost:" + managementPort;
    }

    int managementPort() {
        return managementPort;
    }

    public String realm() {
        return realm;
    }

    /** The master realm's bootstrap admin, for services that drive Keycloak through its Admin API. */
    public String adminUsername() {
        return adminUsername;
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** From the command to the imported realm answering; zero for a handle on a server started elsewhere. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The server's log, where known. */
    public Path logFile() {
        return logFile;
    }

    /** The process this handle owns (null when it owns none). */
    ManagedProcess process() {
        return process;
    }

    /** Whether the server answers for its realm (its OpenID configuration is served). */
    public boolean answers() {
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuerUri() + "/.well-known/openid-configuration"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** An access token for a realm user through the password grant (the client needs directAccessGrantsEnabled). */
    public String accessToken(String username, String password, String clientId) {
        return accessToken(realm, username, password, clientId);
    }

    /** The same, in another realm of this server (one added with {@link #importRealm(String, String)}). */
    public String accessToken(String realmName, String username, String password, String clientId) {
        return (String) tokens(realmName, username, password, clientId, null).get("access_token");
    }

    /**
     * An access token asking for {@code scope} too, e.g. {@code organization:tenant-b} for someone in several
     * organizations who chooses one (docs/adr/0009).
     */
    public String accessTokenWithScope(String username, String password, String clientId, String scope) {
        return (String) tokens(realm, username, password, clientId, scope).get("access_token");
    }

    /** The ID token of a password grant (scope openid): a token that must never open the API. */
    public String idToken(String username, String password, String clientId) {
        return (String) tokens(realm, username, password, clientId, "openid").get("id_token");
    }

    private Map<String, Object> tokens(String realmName, String username, String password, String clientId,
                                       String scope) {
        return passwordGrant(http, baseUrl() + "/realms/" + realmName + "/protocol/openid-connect/token", username,
                password, clientId, scope);
    }

    /**
     * An access token through the browser flow a web client uses where the password grant is off (authorization code
     * with PKCE): the login page is fetched, the form posted as a browser would, the code exchanged.
     */
    public String accessTokenByBrowserLogin(String realmName, String username, String password, String clientId,
                                            String redirectUri) {
        return BrowserLogin.accessToken(baseUrl() + "/realms/" + realmName + "/protocol/openid-connect", username,
                password, clientId, redirectUri);
    }

    /** Adds a realm, given as JSON, through the Admin REST API (e.g. a realm the Helm chart renders). */
    public void importRealm(String realmName, String realmJson) {
        importRealm(http, baseUrl(), adminUsername, adminPassword, realmName,
                realmJson.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Adds a copy of a realm under another name, so that one server can hold the same realm JSON several times
     * (e.g. one demo realm per devstack sharing a test Keycloak): see {@link RealmCopy}. Returns a handle on it.
     */
    public KeycloakServer importRealmCopy(InputStream realmJson, String newName) {
        byte[] copy;
        try (realmJson) {
            copy = RealmCopy.renamed(realmJson.readAllBytes(), newName);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the realm JSON", e);
        }
        importRealm(http, baseUrl(), adminUsername, adminPassword, newName, copy);
        return inRealm(newName);
    }

    /** Removes a realm and everything in it (a realm added with {@link #importRealmCopy}, say); gone already is fine. */
    public void deleteRealm(String realmName) {
        String adminToken = (String) passwordGrant(http, baseUrl + "/realms/master/protocol/openid-connect/token",
                adminUsername, adminPassword, "admin-cli", null).get("access_token");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms/"
                        + URLEncoder.encode(realmName, StandardCharsets.UTF_8)))
                .header("Authorization", "Bearer " + adminToken)
                .timeout(Duration.ofSeconds(60))
                .DELETE()
                .build();
        HttpResponse<String> response = send(http, request);
        if (response.statusCode() != 204 && response.statusCode() != 404) {
            throw new IllegalStateException("Deleting realm '" + realmName + "' answered " + response.statusCode()
                    + ": " + response.body());
        }
    }

    private static void importRealm(HttpClient http, String baseUrl, String adminUsername, String adminPassword,
                                    String realm, byte[] body) {
        String adminToken = (String) passwordGrant(http, baseUrl + "/realms/master/protocol/openid-connect/token",
                adminUsername, adminPassword, "admin-cli", null).get("access_token");
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/admin/realms"))
                .header("Authorization", "Bearer " + adminToken)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<String> response = send(http, request);
        if (response.statusCode() != 201) {
            throw new IllegalStateException("Importing realm '" + realm + "' answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    /** The claims of a JWT, decoded without verification: for asserting on tokens this server issued. */
    public static Map<String, Object> claims(String jwt) {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a JWT: " + jwt);
        }
        byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
        @SuppressWarnings("unchecked")
        Map<String, Object> claims = JSON.readValue(payload, Map.class);
        return claims;
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.close();
        if (temporaryRunDirectory != null) {
            try {
                FileTrees.delete(temporaryRunDirectory);
            } catch (UncheckedIOException e) {
                log.warn("Could not delete {}: {}", temporaryRunDirectory, e.getMessage());
            }
        }
    }

    private static Map<String, Object> passwordGrant(HttpClient http, String tokenEndpoint, String username,
                                                     String password, String clientId, String scope) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("client_id", clientId);
        form.put("username", username);
        form.put("password", password);
        if (scope != null) {
            form.put("scope", scope);
        }
        String body = form.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<String> response = send(http, request);
        if (response.statusCode() != 200) {
            throw new IllegalStateException("Password grant for " + username + " at " + tokenEndpoint
                    + " answered " + response.statusCode() + ": " + response.body());
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> json = JSON.readValue(response.body(), Map.class);
        return json;
    }

    static HttpResponse<String> send(HttpClient http, HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + request.uri(), e);
        }
    }

    public static final class Builder {

        private Path distribution;
        private int port;
        private Supplier<InputStream> realmJson;
        private String realm = "cercle";
        private Path runDirectory;
        private Duration startTimeout = Duration.ofSeconds(180);
        private final List<String> extraOptions = new ArrayList<>();
        private String adminPassword = UUID.randomUUID().toString();
        private boolean detached;

        private Builder() {
        }

        /**
         * The server outlives this JVM: no shutdown hook stops it, and the run directory is kept. Whoever starts it
         * this way stops it (the shared test Keycloak: {@link SharedTestKeycloak}, {@link KeycloakWatchdog}).
         */
        Builder detached() {
            this.detached = true;
            return this;
        }

        /** The distribution zip; by default found with -Dcercle.keycloak.dist or in the local Maven repository. */
        public Builder distribution(Path zip) {
            this.distribution = zip;
            return this;
        }

        /** HTTP port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The realm to import (its "realm" field must equal {@link #realm(String)}). */
        public Builder realmJson(Supplier<InputStream> realmJson, String realm) {
            this.realmJson = realmJson;
            this.realm = realm;
            return this;
        }

        public Builder realmJsonResource(Class<?> anchor, String resource, String realm) {
            return realmJson(() -> Objects.requireNonNull(anchor.getResourceAsStream(resource),
                    "No resource " + resource + " next to " + anchor), realm);
        }

        /** Where the database and the log of this run go; a fresh temp directory by default. */
        public Builder runDirectory(Path runDirectory) {
            this.runDirectory = runDirectory;
            return this;
        }

        public Builder startTimeout(Duration startTimeout) {
            this.startTimeout = startTimeout;
            return this;
        }

        /** Password of the master realm's bootstrap admin "admin" (random by default). */
        public Builder adminPassword(String adminPassword) {
            this.adminPassword = adminPassword;
            return this;
        }

        /** Further runtime options for kc.sh start, e.g. "--log-level=INFO". */
        public Builder option(String option) {
            extraOptions.add(option);
            return this;
        }

        public KeycloakServer start() {
            Objects.requireNonNull(realmJson, "realmJson");
            long started = System.nanoTime();
            Path home = KeycloakDistribution.prepare(distribution != null ? distribution : KeycloakDistribution.locateZip());
            long prepared = System.nanoTime();
            int httpPort = port == 0 ? Ports.free() : port;
            if (!Ports.isFree(httpPort)) {
                throw new IllegalStateException("Keycloak cannot listen on port " + httpPort + ": it is taken");
            }
            // Health lives on a management port (9000 by default); a free one lets several servers coexist.
            int managementPort = Ports.free();
            Path runDir = createRunDirectory();

            List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start",
                    "--optimized",
                    "--http-enabled=true",
                    "--hostname-strict=false",
                    "--http-port=" + httpPort,
                    "--http-management-port=" + managementPort,
                    // One node: no cluster to form. In production mode Keycloak defaults to "ispn", which sets up
                    // JGroups discovery over the database with mTLS certificates on every start (seconds each).
                    "--cache=local",
                    // A per-run H2 file: every start holds exactly the realm imported below.
                    "--db-url=jdbc:h2:file:" + runDir.resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE;AUTO_SERVER=TRUE"));
            command.addAll(extraOptions);
            Map<String, String> env = Map.of(
                    "JAVA_HOME", javaHome(),
                    "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN_USERNAME,
                    "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                    // Keycloak sizes its heap as a share of the machine's RAM; beside six services, cap it.
                    "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            Path logFile = runDir.resolve("keycloak.log");
            ManagedProcess process = detached
                    ? ManagedProcess.startDetached("keycloak", command, env, runDir, logFile)
                    : ManagedProcess.start("keycloak", command, env, runDir, logFile);
            HttpClient http = newHttpClient();
            String baseUrl = "http://localhost:" + httpPort;
            try {
                awaitOk(http, process, baseUrl + "/realms/master/.well-known/openid-configuration", started);
                importRealm(http, baseUrl, adminPassword);
                awaitOk(http, process, baseUrl + "/realms/" + realm + "/.well-known/openid-configuration", started);
            } catch (RuntimeException e) {
                process.close();
                throw e;
            }
            Duration startupTime = Duration.ofNanos(System.nanoTime() - started);
            log.info("Keycloak started at {} with realm '{}' in {} ms (of which preparing the distribution {} ms); log: {}",
                    baseUrl, realm, startupTime.toMillis(), (prepared - started) / 1_000_000, process.logFile());
            return new KeycloakServer(process, baseUrl, managementPort, realm, startupTime, http,
                    runDirectory == null && !detached ? runDir : null, ADMIN_USERNAME, adminPassword, logFile);
        }

        private Path createRunDirectory() {
            try {
                Path dir = runDirectory != null ? runDirectory : Files.createTempDirectory("cercle-keycloak-");
                FileTrees.delete(dir.resolve("h2"));
                return Files.createDirectories(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void importRealm(HttpClient http, String baseUrl, String adminPassword) {
            byte[] body;
            try (InputStream in = realmJson.get()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read the realm JSON", e);
            }
            KeycloakServer.importRealm(http, baseUrl, ADMIN_USERNAME, adminPassword, realm, body);
        }

        /** Waits until {@code url} answers 200; fails at once, with the log, if the process dies. */
        private void awaitOk(HttpClient http, ManagedProcess process, String url, long startedNanos) {
            Duration remaining = Duration.ofNanos(Math.max(1, startedNanos + startTimeout.toNanos() - System.nanoTime()));
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).GET().build();
            try {
                Awaitility.await("Keycloak answering " + url)
                        .atMost(remaining)
                        .pollInterval(Duration.ofMillis(250))
                        .ignoreExceptionsInstanceOf(IOException.class)
                        .until(() -> {
                            if (!process.isAlive()) {
                                throw new IllegalStateException("Keycloak exited during start-up; last lines of "
                                        + process.logFile() + ":\n" + process.logTail(40));
                            }
                            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                        });
            } catch (ConditionTimeoutException e) {
                throw new IllegalStateException("Keycloak did not answer " + url + " within " + startTimeout
                        + "; last lines of " + process.logFile() + ":\n" + process.logTail(40), e);
            }
        }
    }
}
