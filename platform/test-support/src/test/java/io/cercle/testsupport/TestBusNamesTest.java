package io.cercle.testsupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests of one checkout name their exchanges and queues apart from another checkout's on a shared broker. */
@SpringBootTest
class TestBusNamesTest {

    @SpringBootConfiguration
    static class NoAutoConfiguration {
    }

    @Autowired
    Environment environment;

    @Test
    void servicesUnderTestPrefixEveryExchangeAndQueueWithTheCheckoutsPrefix() {
        assertThat(environment.getProperty("spring.cloud.stream.rabbit.default.producer.prefix"))
                .isEqualTo(TestBusNames.prefix());
        assertThat(environment.getProperty("spring.cloud.stream.rabbit.default.consumer.prefix"))
                .isEqualTo(TestBusNames.prefix());
        assertThat(TestBusNames.prefix()).matches("cercle-test-[0-9a-f]{8}\\.");
        assertThat(TestBusNames.exchange("cercle.identity")).isEqualTo(TestBusNames.prefix() + "cercle.identity");
        assertThat(TestBusNames.environment()).containsOnly(
                Map.entry("SPRING_CLOUD_STREAM_RABBIT_DEFAULT_PRODUCER_PREFIX", TestBusNames.prefix()),
                Map.entry("SPRING_CLOUD_STREAM_RABBIT_DEFAULT_CONSUMER_PREFIX", TestBusNames.prefix()));
    }

    @Test
    void theCheckoutIsTheNearestDirectoryUpwardsWithTheMavenWrapper(@TempDir Path checkout) throws IOException {
        Files.createFile(checkout.resolve("mvnw"));
        Files.createFile(checkout.resolve("pom.xml"));
        Path module = Files.createDirectories(checkout.resolve("platform/test-support"));

        assertThat(TestBusNames.checkoutRoot(module)).isEqualTo(checkout);
    }

    @Test
    void thisBuildsCheckoutIsTheRepositoryRoot() {
        Path root = TestBusNames.checkoutRoot(Path.of(System.getProperty("user.dir")).toAbsolutePath());

        assertThat(root.resolve("platform/test-support/pom.xml")).isRegularFile();
    }
}
