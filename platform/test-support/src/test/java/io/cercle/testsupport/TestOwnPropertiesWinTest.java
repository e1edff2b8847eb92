package io.cercle.testsupport;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/** The infrastructure properties sit below what a test states itself. */
@SpringBootTest(properties = "spring.rabbitmq.port=1")
class TestOwnPropertiesWinTest {

    @SpringBootConfiguration
    static class NoAutoConfiguration {
    }

    @Autowired
    Environment environment;

    @Test
    void aPropertyTheTestSetsOverridesTheTestInfrastructure() {
        assertThat(environment.getProperty("spring.rabbitmq.port")).isEqualTo("1");
    }

    @Test
    void propertiesTheTestDoesNotSetComeFromTheTestInfrastructure() {
        assertThat(environment.getProperty("spring.mongodb.uri")).isEqualTo(TestMongo.get().uri("test"));
        assertThat(environment.getProperty("spring.rabbitmq.host")).isEqualTo(TestBroker.get().host());
        assertThat(environment.getProperty("cercle.messaging.broker")).isEqualTo(TestBroker.get().messagingBroker());
    }
}
