package io.cercle.gateway.ratelimit;

import io.cercle.gateway.GatewayClient;
import io.cercle.testsupport.TestKeycloak;
import io.cercle.testsupport.TestUser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.TestPropertySource;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * With REDIS_HOST set the buckets live in the real Redis at 127.0.0.1:6379, shared by every replica. This test
 * fails, and never skips, when no Redis answers there: CI (.ci/run) starts one, and so must a developer.
 */
@TestPropertySource(properties = {"REDIS_HOST=127.0.0.1", "REDIS_PORT=6379"})
class RedisRateLimitTest extends RateLimitScenarios {

    @Autowired
    RateLimits limits;
    @Autowired
    ReactiveStringRedisTemplate redis;

    @BeforeAll
    static void redisAnswers() {
        try (var socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 6379), 2000);
        } catch (IOException e) {
            fail("No Redis answers on 127.0.0.1:6379 (" + e.getMessage() + "). Start one: redis-server --daemonize yes "
                    + "--port 6379 --save \"\" --appendonly no (.ci/run does this in CI).");
        }
    }

    /** Buckets left in Redis by an earlier run (they live 2 minutes) must not count against this one. */
    @BeforeEach
    void emptyTheBuckets() {
        redis.delete(bucketKeys().toArray(String[]::new)).block(Duration.ofSeconds(5));
    }

    @Test
    void withRedisHostTheBucketsLiveInRedis() throws Exception {
        assertThat(limits).isInstanceOf(RedisRateLimits.class);
        String carol = TestKeycloak.accessToken(TestUser.TENANT_B_MEMBER);

        new GatewayClient(port).get("/api/identity/session", carol);

        assertThat(redis.hasKey("request_rate_limiter.{rate-limit-member." + subjectOf(carol) + "}.tokens").block()).isTrue();
        assertThat(redis.hasKey("request_rate_limiter.{rate-limit-tenant.tenant-b}.tokens").block()).isTrue();
    }

    private static List<String> bucketKeys() {
        List<String> ids = new ArrayList<>(List.of("rate-limit-tenant.tenant-a", "rate-limit-tenant.tenant-b"));
        for (TestUser user : List.of(TestUser.TENANT_A_MEMBER, TestUser.TENANT_A_ADMIN, TestUser.TENANT_B_MEMBER)) {
            ids.add("rate-limit-member." + subjectOf(TestKeycloak.accessToken(user)));
        }
        return ids.stream().flatMap(id -> Stream.of(
                "request_rate_limiter.{" + id + "}.tokens", "request_rate_limiter.{" + id + "}.timestamp")).toList();
    }
}
