package io.cercle.gateway.ratelimit;

import io.cercle.gateway.GatewayClient;
import io.cercle.gateway.StubService;
import io.cercle.testsupport.KeycloakServer;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;

import static io.cercle.gateway.GatewayClient.problem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rate-limit behaviour both stores must show: 3 requests per member, 5 per tenant and 2 per client address
 * without a token, refilled by one request a minute (so nothing refills while a test runs). Each test uses its own
 * members and tenant, or its own addresses (given as one trusted proxy would, in X-Forwarded-For).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "cercle.gateway.rate-limit.member.burst-capacity=3",
        "cercle.gateway.rate-limit.member.replenish-rate=1",
        "cercle.gateway.rate-limit.member.replenish-period=60s",
        "cercle.gateway.rate-limit.tenant.burst-capacity=5",
        "cercle.gateway.rate-limit.tenant.replenish-rate=1",
        "cercle.gateway.rate-limit.tenant.replenish-period=60s",
        "cercle.gateway.rate-limit.anonymous.burst-capacity=2",
        "cercle.gateway.rate-limit.anonymous.replenish-rate=1",
        "cercle.gateway.rate-limit.anonymous.replenish-period=60s",
        "cercle.gateway.rate-limit.trusted-proxies=1"})
abstract class RateLimitScenarios {

    /** Shared by the subclasses' contexts, so closed with the JVM rather than after one class. */
    static final StubService IDENTITY = StubService.answering();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(IDENTITY::close));
    }

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.issuer-uri", TestKeycloak::issuerUri);
        registry.add("IDENTITY_URI", IDENTITY::uri);
    }

    static String subjectOf(String token) {
        return (String) KeycloakServer.claims(token).get("sub");
    }

    @Test
    void aMemberOverTheirBurstGets429ProblemNamingTheMemberLimit() throws Exception {
        var gateway = new GatewayClient(port);
        String carol = TestKeycloak.accessToken(TestUser.TENANT_B_MEMBER);
        for (int i = 1; i <= 3; i++) {
            assertThat(gateway.get("/api/identity/session", carol).statusCode()).as("request %d", i).isEqualTo(200);
        }

        var refused = gateway.get("/api/identity/session", carol);

        assertTooManyRequests(refused, "Your member request rate limit (member) is exhausted; retry in 60 s");
    }

    @Test
    void membersOfOneTenantTogetherOverTheTenantBurstGet429ProblemNamingTheTenantLimit() throws Exception {
        var gateway = new GatewayClient(port);
        String bob = TestKeycloak.accessToken(TestUser.TENANT_A_MEMBER);
        String alice = TestKeycloak.accessToken(TestUser.TENANT_A_ADMIN);
        for (int i = 1; i <= 3; i++) {
            assertThat(gateway.get("/api/identity/session", bob).statusCode()).as("bob's request %d", i).isEqualTo(200);
        }
        for (int i = 1; i <= 2; i++) {
            assertThat(gateway.get("/api/identity/session", alice).statusCode()).as("alice's request %d", i).isEqualTo(200);
        }

        // Alice is within her own 3, but tenant-a has used its 5.
        var refused = gateway.get("/api/identity/session", alice);

        assertTooManyRequests(refused, "Your organization's request rate limit (tenant) is exhausted; retry in 60 s");
    }

    @Test
    void anAddressOverItsBurstWithoutATokenGets429ProblemNamingTheAddressLimitAndOtherAddressesAreNotAffected()
            throws Exception {
        var gateway = new GatewayClient(port);
        String address = "198.51.100." + (1 + (int) (Math.random() * 250));
        String neighbour = "203.0.113." + (1 + (int) (Math.random() * 250));
        for (int i = 1; i <= 2; i++) {
            assertThat(apiDescription(gateway, address).statusCode()).as("request %d", i).isEqualTo(200);
        }

        var refused = apiDescription(gateway, address);

        assertTooManyRequests(refused, "Your network address's request rate limit (address) is exhausted; retry in 60 s");
        assertThat(apiDescription(gateway, neighbour).statusCode()).isEqualTo(200);
    }

    /** An API description: a public path, reached without a token, as through one proxy from {@code address}. */
    private static HttpResponse<String> apiDescription(GatewayClient gateway, String address) throws Exception {
        return gateway.send(gateway.request("/api/identity/v3/api-docs").header("X-Forwarded-For", address).GET());
    }

    private static void assertTooManyRequests(HttpResponse<String> response, String detail) {
        assertThat(response.statusCode()).isEqualTo(429);
        assertThat(problem(response).path("detail").asString()).isEqualTo(detail);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("60");
    }
}
