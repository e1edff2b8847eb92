package io.cercle.gateway;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.cercle.testsupport.Ports;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.cercle.gateway.GatewayClient.problem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The gateway's edge behaviour on the real application: real Keycloak tokens, real HTTP servers as the services
 * (answering ones, one hung, one stopped), real Netty limits, the management port.
 *
 * <p>Circuit breakers here open after 4 calls of which half failed, and stay open a minute: a test that makes calls
 * fail uses a (route, tenant) no other test makes fail. Bob and Alice are tenant-a, Carol tenant-b, root has none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cercle.gateway.max-body-size=1KB",
        "cercle.gateway.cors.allowed-origins=https://app.example.com",
        // Limits far above what this class sends: rate limiting has its own tests.
        "cercle.gateway.rate-limit.member.burst-capacity=10000",
        "cercle.gateway.rate-limit.tenant.burst-capacity=10000",
        "cercle.gateway.resilience.max-concurrent-calls-per-tenant=2",
        "cercle.gateway.resilience.circuit-breaker.sliding-window-size=4",
        "cercle.gateway.resilience.circuit-breaker.minimum-number-of-calls=4",
        "cercle.gateway.resilience.circuit-breaker.wait-in-open-state=60s",
        // Identity's own timeout, longer than the others' 1.5 s default.
        "IDENTITY_RESPONSE_TIMEOUT=4s"})
class GatewayEdgeTest {

    private static final Logger log = LoggerFactory.getLogger(GatewayEdgeTest.class);

    private static final StubService IDENTITY = StubService.answering();
    private static final StubService CONTENT_HUNG = StubService.neverAnswering();
    private static final StubService GAMIFICATION = StubService.answering();
    private static final String COMMUNITY_STOPPED = "http://127.0.0.1:" + Ports.free();
    private static final Duration UNAVAILABLE_BOUND = Duration.ofSeconds(2);
    private static final List<String> SERVICE_PATHS = List.of("identity", "communities", "content", "gamification",
            "notifications");

    private static String bobToken;
    private static String aliceToken;
    private static String carolToken;
    private static String rootToken;

    @LocalServerPort
    int port;
    @LocalManagementPort
    int managementPort;
    GatewayClient gateway;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuerUri);
        registry.add("IDENTITY_URI", IDENTITY::uri);
        registry.add("CONTENT_URI", CONTENT_HUNG::uri);
        registry.add("COMMUNITY_URI", () -> COMMUNITY_STOPPED);
        registry.add("GAMIFICATION_URI", GAMIFICATION::uri);
    }

    @BeforeAll
    static void token() {
        bobToken = TestKeycloak.accessToken(TestUser.TENANT_A_MEMBER);
        aliceToken = TestKeycloak.accessToken(TestUser.TENANT_A_ADMIN);
        carolToken = TestKeycloak.accessToken(TestUser.TENANT_B_MEMBER);
        rootToken = TestKeycloak.accessToken(TestUser.PLATFORM_ADMIN);
    }

    @AfterAll
    static void stopServices() {
        IDENTITY.close();
        CONTENT_HUNG.close();
        GAMIFICATION.close();
    }

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
        IDENTITY.forget();
        GAMIFICATION.forget();
    }

    @Nested
    class TokenValidation {

        @Test
        void aValidTokenIsRoutedWithTheAuthorizationHeaderRelayed() throws Exception {
            var response = gateway.get("/api/identity/session", bobToken);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"answeredBy\":\"stub\"");
            var received = IDENTITY.nextRequest();
            assertThat(received.path()).isEqualTo("/session");
            assertThat(received.header("Authorization")).isEqualTo("Bearer " + bobToken);
        }

        @Test
        void noTokenGets401ProblemAndNeverReachesTheService() throws Exception {
            var response = gateway.get("/api/identity/session", null);

            assertUnauthorized(response);
        }

        @Test
        void acceptingAnInvitationWithoutATokenGets401ProblemAndNeverReachesTheService() throws Exception {
            // The invitee accepts signed in as the invited address (issue 8): no public path any more.
            var response = gateway.send(gateway.request("/api/identity/invitations/accept")
                    .header("Content-Type", "application/json")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"token\":\"t\"}")));

            assertUnauthorized(response);
        }

        @Test
        void aTokenWhosePayloadWasChangedGets401Problem() throws Exception {
            // Claim another tenant while keeping Keycloak's signature of the original payload.
            String[] parts = bobToken.split("\\.");
            String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
            assertThat(payload).contains("tenant-a");
            String forged = base64Url(payload.replace("tenant-a", "tenant-b"));

            var response = gateway.get("/api/identity/session", parts[0] + "." + forged + "." + parts[2]);

            assertUnauthorized(response);
        }

        @Test
        void anUnsignedTokenWithAlgNoneGets401Problem() throws Exception {
            String[] parts = bobToken.split("\\.");
            String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

            var response = gateway.get("/api/identity/session", unsigned);

            assertUnauthorized(response);
        }

        @Test
        void aTokenSignedByAnotherKeyForTheSameIssuerGets401Problem() throws Exception {
            var foreignKey = new RSAKeyGenerator(2048).keyID("foreign").generate();
            var claims = new JWTClaimsSet.Builder()
                    .issuer(TestKeycloak.issuerUri())
                    .subject(UUID.randomUUID().toString())
                    .claim("organization", java.util.List.of("tenant-a"))
                    .issueTime(new Date())
                    .expirationTime(Date.from(Instant.now().plusSeconds(300)))
                    .build();
            var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("foreign")
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(foreignKey));

            var response = gateway.get("/api/identity/session", jwt.serialize());

            assertUnauthorized(response);
        }

        private void assertUnauthorized(HttpResponse<String> response) {
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(problem(response).path("detail").asString()).isEqualTo("A valid bearer access token is required");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer"));
            assertThat(IDENTITY.pending()).as("requests that reached the service").isZero();
        }

        private static String base64Url(String text) {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Nested
    class RequestId {

        @Test
        void aSafeIncomingRequestIdIsKeptAndForwardedToTheService() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/members")
                    .header("Authorization", "Bearer " + bobToken).header("X-Request-Id", "support-ticket-4711"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("X-Request-Id")).containsExactly("support-ticket-4711");
            assertThat(IDENTITY.nextRequest().header("X-Request-Id")).isEqualTo("support-ticket-4711");
        }

        @Test
        void anUnsafeIncomingRequestIdIsReplacedByAGeneratedOneThatTheServiceReceives() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/members")
                    .header("Authorization", "Bearer " + bobToken).header("X-Request-Id", "x".repeat(65) + "\"<script>"));

            assertThat(response.statusCode()).isEqualTo(200);
            String id = response.headers().firstValue("X-Request-Id").orElseThrow();
            assertThat(UUID.fromString(id)).isNotNull();
            assertThat(IDENTITY.nextRequest().header("X-Request-Id")).isEqualTo(id);
        }

        @Test
        void aRejectedRequestCarriesAGeneratedRequestIdToo() throws Exception {
            var response = gateway.get("/api/identity/session", null);

            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(UUID.fromString(response.headers().firstValue("X-Request-Id").orElseThrow())).isNotNull();
        }
    }

    @Nested
    class SecurityHeaders {

        @Test
        void aRoutedResponseCarriesTheSecurityHeaders() throws Exception {
            assertSecurityHeaders(gateway.get("/api/identity/session", bobToken), 200);
        }

        @Test
        void aRejectedRequestCarriesTheSecurityHeaders() throws Exception {
            assertSecurityHeaders(gateway.get("/api/identity/session", null), 401);
        }

        @Test
        void theSwaggerUiGetsAPolicyThatLetsItsOwnScriptsRunButNothingElse() throws Exception {
            var response = gateway.get("/swagger-ui/index.html", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Security-Policy")).hasValue(
                    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                            + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
        }

        private void assertSecurityHeaders(HttpResponse<String> response, int status) {
            assertThat(response.statusCode()).isEqualTo(status);
            var headers = response.headers();
            assertThat(headers.allValues("X-Content-Type-Options")).containsExactly("nosniff");
            assertThat(headers.allValues("X-Frame-Options")).containsExactly("DENY");
            assertThat(headers.allValues("Referrer-Policy")).containsExactly("no-referrer");
            assertThat(headers.allValues("Content-Security-Policy")).containsExactly(
                    "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'");
            assertThat(headers.firstValue("Cache-Control")).hasValueSatisfying(
                    value -> assertThat(value).contains("no-store"));
        }
    }

    @Nested
    class SizeLimits {

        @Test
        void aBodyOverTheLimitGets413ProblemBeforeTheTokenIsChecked() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/members")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1025))));

            assertThat(response.statusCode()).isEqualTo(413);
            assertThat(problem(response).path("detail").asString())
                    .isEqualTo("The request body is larger than the 1KB the API accepts");
            assertThat(IDENTITY.pending()).isZero();
        }

        @Test
        void aChunkedBodyOverTheLimitGets413Problem() throws Exception {
            byte[] body = "x".repeat(4096).getBytes(StandardCharsets.UTF_8);
            // An input stream of unknown length: the client sends it chunked, without Content-Length.
            var response = gateway.send(gateway.request("/api/identity/members")
                    .header("Authorization", "Bearer " + bobToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
            assertThat(problem(response).path("detail").asString())
                    .isEqualTo("The request body is larger than the 1KB the API accepts");
        }

        @Test
        void aBodyWithinTheLimitIsRouted() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/members")
                    .header("Authorization", "Bearer " + bobToken)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("x".repeat(1000))));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(IDENTITY.nextRequest().method()).isEqualTo("POST");
        }

        @Test
        void headersOverTheLimitGet431Problem() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/session")
                    .header("Authorization", "Bearer " + bobToken)
                    .header("X-Padding", "p".repeat(20 * 1024)));

            assertThat(response.statusCode()).isEqualTo(431);
            assertThat(problem(response).path("detail").asString())
                    .isEqualTo("The request headers are larger than the 16KB the API accepts");
            assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
            assertThat(IDENTITY.pending()).isZero();
        }

        @Test
        void headersJustWithinTheLimitAreRouted() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/session")
                    .header("Authorization", "Bearer " + bobToken)
                    .header("X-Padding", "p".repeat(12 * 1024)));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(IDENTITY.nextRequest().path()).isEqualTo("/session");
        }

        @Test
        void aUriOverTheLimitGets414ProblemBeforeTheTokenIsChecked() throws Exception {
            var response = gateway.get("/api/identity/members?q=" + "a".repeat(5000), null);

            assertThat(response.statusCode()).isEqualTo(414);
            assertThat(problem(response).path("detail").asString())
                    .isEqualTo("The request URI is longer than the 4096 characters the API accepts");
            assertThat(IDENTITY.pending()).isZero();
        }

        @Test
        void aUriJustWithinTheLimitIsRouted() throws Exception {
            var response = gateway.get("/api/identity/members?q=" + "a".repeat(4000), bobToken);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(IDENTITY.nextRequest().path()).isEqualTo("/members");
        }
    }

    @Nested
    class Cors {

        @Test
        void aPreflightFromAnAllowedOriginSucceedsWithoutAToken() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/members")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));

            assertThat(response.statusCode()).isEqualTo(200);
            var headers = response.headers();
            assertThat(headers.firstValue("Access-Control-Allow-Origin")).hasValue("https://app.example.com");
            assertThat(headers.firstValue("Access-Control-Allow-Methods")).hasValueSatisfying(
                    methods -> assertThat(methods).contains("POST"));
            assertThat(headers.firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                    allowed -> assertThat(allowed.toLowerCase()).contains("authorization").contains("content-type")
                            .contains("idempotency-key"));
            assertThat(headers.firstValue("Access-Control-Allow-Credentials")).isEmpty();
        }

        @Test
        void aPreflightFromAnotherOriginIsRefusedWith403Problem() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/members")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://evil.example.net")
                    .header("Access-Control-Request-Method", "POST"));

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(problem(response).path("detail").asString())
                    .isEqualTo("Cross-origin requests from https://evil.example.net are not allowed");
            assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
        }

        @Test
        void aPreflightMayAnnounceAnIdempotencyKey() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/invitations")
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", "https://app.example.com")
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Access-Control-Allow-Headers")).hasValueSatisfying(
                    allowed -> assertThat(allowed.toLowerCase()).contains("idempotency-key"));
        }

        @Test
        void anActualRequestFromAnAllowedOriginGetsTheAllowOriginHeader() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/session")
                    .header("Origin", "https://app.example.com").header("Authorization", "Bearer " + bobToken));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().allValues("Access-Control-Allow-Origin")).containsExactly("https://app.example.com");
        }
    }

    @Nested
    class UnavailableServices {

        @Test
        void aStoppedServiceAnswers503ProblemWithinTwoSeconds() throws Exception {
            long started = System.nanoTime();
            var response = gateway.get("/api/communities/communities", bobToken);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(problem(response).path("detail").asString()).startsWith("The community service ");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(elapsed).isLessThan(UNAVAILABLE_BOUND);
            log.info("stopped service -> 503 in {} ms", elapsed.toMillis());
        }

        @Test
        void aServiceThatNeverAnswersGets503ProblemWithinTwoSeconds() throws Exception {
            long started = System.nanoTime();
            var response = gateway.get("/api/content/questions", bobToken);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(problem(response).path("detail").asString())
                    .isEqualTo("The content service is unavailable or did not answer in time; retry later");
            assertThat(CONTENT_HUNG.nextRequest().path()).isEqualTo("/questions");
            assertThat(elapsed).isLessThan(UNAVAILABLE_BOUND);
            log.info("hung service -> 503 in {} ms", elapsed.toMillis());
        }
    }

    @Nested
    class GatewayErrors {

        @Test
        void aPathNoServiceServesGets404Problem() throws Exception {
            var response = gateway.get("/api/unknown/things", bobToken);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(problem(response).path("detail").asString()).isEqualTo("No API answers at this path");
        }

        @Test
        void aWrongMethodOnAGatewayEndpointGets405Problem() throws Exception {
            var response = gateway.send(gateway.request("/v3/api-docs/swagger-config")
                    .header("Authorization", "Bearer " + bobToken)
                    .DELETE());

            assertThat(response.statusCode()).isEqualTo(405);
            assertThat(problem(response).path("title").asString()).isEqualTo("Method Not Allowed");
        }
    }

    @Nested
    class OpenApi {

        @Test
        void theSwaggerConfigListsTheGatewayAndEveryService() throws Exception {
            var response = gateway.get("/v3/api-docs/swagger-config", null);

            assertThat(response.statusCode()).isEqualTo(200);
            var urls = GatewayClient.json(response.body()).path("urls");
            assertThat(urls.valueStream().map(url -> url.path("name").asString() + "=" + url.path("url").asString()))
                    .contains("gateway=/v3/api-docs",
                            "identity=/api/identity/v3/api-docs",
                            "communities=/api/communities/v3/api-docs",
                            "content=/api/content/v3/api-docs",
                            "gamification=/api/gamification/v3/api-docs",
                            "notifications=/api/notifications/v3/api-docs");
        }

        @Test
        void aServiceDescriptionIsRoutedWithoutAToken() throws Exception {
            var response = gateway.get("/api/identity/v3/api-docs", null);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(GatewayClient.json(response.body()).path("openapi").asString()).isEqualTo("3.1.0");
            assertThat(IDENTITY.nextRequest().path()).isEqualTo("/v3/api-docs");
        }
    }

    @Nested
    class Idempotency {

        @Test
        void theIdempotencyKeyReachesTheServiceUnchanged() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/invitations")
                    .header("Authorization", "Bearer " + aliceToken)
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", "6f1c2a4e-invite-42")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"x@example.com\"}")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(IDENTITY.nextRequest().header("Idempotency-Key")).isEqualTo("6f1c2a4e-invite-42");
        }
    }

    @Nested
    class ServiceActuators {

        @ParameterizedTest(name = "/api/{0}/actuator/**")
        @ValueSource(strings = {"identity", "communities", "content", "gamification", "notifications"})
        void noRouteReachesAServicesActuatorWithOrWithoutAToken(String service) throws Exception {
            for (String path : List.of("/actuator", "/actuator/", "/actuator/prometheus", "/actuator/metrics",
                    "/actuator/health/readiness", "/actuator/env")) {
                for (String token : new String[]{null, bobToken}) {
                    var response = gateway.get("/api/" + service + path, token);

                    assertThat(response.statusCode()).as("%s%s with token: %s", service, path, token != null)
                            .isEqualTo(404);
                    assertThat(problem(response).path("detail").asString()).isEqualTo("No API answers at this path");
                }
            }
            assertThat(IDENTITY.pending() + GAMIFICATION.pending()).as("requests that reached a service").isZero();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/api/identity//actuator/prometheus", "/api/identity/%61ctuator/prometheus",
                "/api/identity/%2561ctuator/prometheus", "/api/identity/ACTUATOR/prometheus",
                "/api/identity/actuator;x=1/prometheus", "/api/identity/./actuator/prometheus",
                "/api/identity/x/../actuator/prometheus", "/api/identity\\actuator\\prometheus"})
        void aDisguisedActuatorPathGets404Too(String path) throws Exception {
            var response = gateway.get(path.replace("\\", "%5C"), bobToken);

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(problem(response).path("detail").asString()).isEqualTo("No API answers at this path");
            assertThat(IDENTITY.pending()).isZero();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"/api/identity/../actuator/health", "/api/identity/%2e%2e/actuator/health",
                "/api/identity/x%2F..%2F..%2Factuator"})
        void aPathThatWouldClimbOutOfItsRouteGets400Problem(String path) throws Exception {
            var response = gateway.get(path, bobToken);

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(problem(response).path("detail").asString()).isEqualTo("The request's path, method or a header "
                    + "holds something the API refuses, such as a dot segment or an encoded slash");
            assertThat(IDENTITY.pending()).isZero();
        }

        @Test
        void aServicePathThatMerelyContainsTheWordIsRouted() throws Exception {
            var response = gateway.get("/api/identity/members/actuator", bobToken);

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(IDENTITY.nextRequest().path()).isEqualTo("/members/actuator");
        }
    }

    @Nested
    class ManagementPort {

        @Test
        void theApiPortServesNoActuatorWithOrWithoutAToken() throws Exception {
            for (String path : List.of("/actuator", "/actuator/health", "/actuator/health/readiness", "/actuator/info",
                    "/actuator/prometheus", "/actuator/metrics", "/actuator/env")) {
                for (String token : new String[]{null, bobToken}) {
                    var response = gateway.get(path, token);

                    assertThat(response.statusCode()).as("%s with token: %s", path, token != null).isEqualTo(404);
                    assertThat(problem(response).path("detail").asString()).isEqualTo("No API answers at this path");
                }
            }
        }

        @Test
        void probesAndPrometheusAnswerOnTheManagementPortWithoutAToken() throws Exception {
            var management = new GatewayClient(managementPort);
            assertThat(managementPort).isNotEqualTo(port);

            for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
                var response = management.get(probe, null);
                assertThat(response.statusCode()).as(probe).isEqualTo(200);
                assertThat(GatewayClient.json(response.body()).path("status").asString()).isEqualTo("UP");
            }
            var prometheus = management.get("/actuator/prometheus", null);
            assertThat(prometheus.statusCode()).isEqualTo(200);
            assertThat(prometheus.body()).contains("jvm_memory_used_bytes").contains("service=\"gateway-service\"");
        }
    }

    @Nested
    class RouteTimeouts {

        @Test
        void identityAnswersThatTakeLongerThanTheDefaultTimeoutStillReachTheCaller() throws Exception {
            // 2.5 s: past the 1.5 s every other route allows, within identity's 4 s.
            var response = gateway.send(gateway.request("/api/identity/tenants")
                    .header("Authorization", "Bearer " + rootToken).header(StubService.DELAY, "2500")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));

            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }

        @Test
        void identitysOwnTimeoutBoundsItsSlowestAnswers() throws Exception {
            long started = System.nanoTime();
            var response = gateway.send(gateway.request("/api/identity/tenants")
                    .header("Authorization", "Bearer " + rootToken).header(StubService.DELAY, "15000")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(problem(response).path("detail").asString())
                    .isEqualTo("The identity service is unavailable or did not answer in time; retry later");
            assertThat(elapsed).isBetween(Duration.ofSeconds(4), Duration.ofMillis(5500));
        }
    }

    @Nested
    class TenantIsolation {

        @Test
        void oneTenantsFailuresOpenItsOwnCircuitWhileAnotherTenantStillGoesThrough() throws Exception {
            for (int i = 1; i <= 4; i++) {
                var failed = gateway.send(gateway.request("/api/gamification/points")
                        .header("Authorization", "Bearer " + bobToken).header(StubService.DROP, "yes"));
                assertThat(failed.statusCode()).as("failing call %d", i).isEqualTo(503);
            }
            GAMIFICATION.forget();

            var refused = gateway.get("/api/gamification/points", bobToken);
            var otherTenant = gateway.get("/api/gamification/points", carolToken);

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(problem(refused).path("detail").asString())
                    .isEqualTo("The gamification service failed repeatedly and is given time to recover; retry later");
            assertThat(otherTenant.statusCode()).as(otherTenant.body()).isEqualTo(200);
            assertThat(GAMIFICATION.nextRequest().header("Authorization")).isEqualTo("Bearer " + carolToken);
            assertThat(GAMIFICATION.pending()).as("tenant-a's refused call never reached the service").isZero();
        }

        @Test
        void oneTenantsSlowCallsFillItsOwnAllowanceWhileAnotherTenantStillGoesThrough() throws Exception {
            List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                held.add(gateway.sendAsync(gateway.request("/api/identity/members")
                        .header("Authorization", "Bearer " + aliceToken).header(StubService.HOLD, "yes")));
            }
            try {
                await().atMost(Duration.ofSeconds(3)).until(() -> IDENTITY.pending() == 2);

                var third = gateway.get("/api/identity/members", aliceToken);
                var otherTenant = gateway.get("/api/identity/members", carolToken);

                assertThat(third.statusCode()).isEqualTo(429);
                assertThat(problem(third).path("detail").asString()).isEqualTo("Your organization's requests already "
                        + "have 2 calls in progress on the identity service; retry when one has finished");
                assertThat(third.headers().firstValue("Retry-After")).hasValue("1");
                assertThat(otherTenant.statusCode()).isEqualTo(200);
            } finally {
                IDENTITY.releaseHeld();
            }
            for (var call : held) {
                assertThat(call.get().statusCode()).isEqualTo(200);
            }
            // The allowance is given back once each call has finished, a moment after its answer left.
            await().atMost(Duration.ofSeconds(2))
                    .until(() -> gateway.get("/api/identity/members", aliceToken).statusCode() == 200);
        }
    }

    @Nested
    @ExtendWith(OutputCaptureExtension.class)
    class Fallbacks {

        @Test
        void aFallbackIsLoggedWithItsRouteCauseAndRequestIdAndCounted(CapturedOutput output) throws Exception {
            double before = fallbacks("community", "AnnotatedConnectException");

            var response = gateway.send(gateway.request("/api/communities/communities")
                    .header("Authorization", "Bearer " + carolToken).header("X-Request-Id", "fallback-stopped-1"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(output.getOut()).containsPattern("Gateway fallback route=community status=503 "
                    + "cause=AnnotatedConnectException: [^\\n]*Connection refused[^\\n]* requestId=fallback-stopped-1");
            assertThat(fallbacks("community", "AnnotatedConnectException")).isEqualTo(before + 1);
        }

        @Test
        void aTimeOutIsLoggedAsOneAndCounted(CapturedOutput output) throws Exception {
            double before = fallbacks("content", "TimeoutException");

            var response = gateway.send(gateway.request("/api/content/questions")
                    .header("Authorization", "Bearer " + carolToken).header("X-Request-Id", "fallback-hung-1"));

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(output.getOut()).containsPattern("Gateway fallback route=content status=503 "
                    + "cause=TimeoutException: [^\\n]*PT1.5S[^\\n]* requestId=fallback-hung-1");
            assertThat(fallbacks("content", "TimeoutException")).isEqualTo(before + 1);
        }

        /** cercle_gateway_fallbacks_total for one route and cause, as Prometheus scrapes it from the management port. */
        private double fallbacks(String route, String cause) throws Exception {
            String scrape = new GatewayClient(managementPort).get("/actuator/prometheus", null).body();
            Matcher series = Pattern.compile("(?m)^cercle_gateway_fallbacks_total\\{([^}]*)} ([0-9.eE+-]+)$").matcher(scrape);
            double sum = 0;
            while (series.find()) {
                if (series.group(1).contains("route=\"" + route + "\"") && series.group(1).contains("cause=\"" + cause + "\"")) {
                    sum += Double.parseDouble(series.group(2));
                }
            }
            return sum;
        }
    }
}
