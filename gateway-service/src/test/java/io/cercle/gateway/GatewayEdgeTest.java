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
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.ByteArrayInputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.UUID;

import static io.cercle.gateway.GatewayClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway's edge behaviour on the real application: real Keycloak tokens, real HTTP servers as the services
 * (one answering, one hung, one stopped), real Netty limits.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cercle.gateway.max-body-size=1KB",
        "cercle.gateway.cors.allowed-origins=https://app.example.com",
        // Limits far above what this class sends: rate limiting has its own tests.
        "cercle.gateway.rate-limit.member.burst-capacity=10000",
        "cercle.gateway.rate-limit.tenant.burst-capacity=10000"})
class GatewayEdgeTest {

    private static final Logger log = LoggerFactory.getLogger(GatewayEdgeTest.class);

    private static final StubService IDENTITY = StubService.answering();
    private static final StubService CONTENT_HUNG = StubService.neverAnswering();
    private static final String COMMUNITY_STOPPED = "http://127.0.0.1:" + Ports.free();
    private static final Duration UNAVAILABLE_BOUND = Duration.ofSeconds(2);

    private static String bobToken;

    @LocalServerPort
    int port;
    GatewayClient gateway;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuerUri);
        registry.add("IDENTITY_URI", IDENTITY::uri);
        registry.add("CONTENT_URI", CONTENT_HUNG::uri);
        registry.add("COMMUNITY_URI", () -> COMMUNITY_STOPPED);
    }

    @BeforeAll
    static void token() {
        bobToken = TestKeycloak.accessToken(TestUser.TENANT_A_MEMBER);
    }

    @AfterAll
    static void stopServices() {
        IDENTITY.close();
        CONTENT_HUNG.close();
    }

    @BeforeEach
    void client() {
        gateway = new GatewayClient(port);
        IDENTITY.forget();
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
                    .isEqualTo("The request body is larger than the 1024B the API accepts");
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
                    .isEqualTo("The request body is larger than the 1024B the API accepts");
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
        void headersOverTheServerLimitAreRefusedWith431() throws Exception {
            var response = gateway.send(gateway.request("/api/identity/session")
                    .header("Authorization", "Bearer " + bobToken)
                    .header("X-Padding", "p".repeat(20 * 1024)));

            assertThat(response.statusCode()).isEqualTo(431);
            assertThat(IDENTITY.pending()).isZero();
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
            var response = gateway.send(gateway.request("/actuator/health/liveness")
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
}
