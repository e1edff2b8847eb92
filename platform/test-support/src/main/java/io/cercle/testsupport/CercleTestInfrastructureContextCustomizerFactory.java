package io.cercle.testsupport;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

import java.util.List;

/**
 * Registered in META-INF/spring.factories: every Spring test context of a module that has test-support on its
 * test classpath gets real MongoDB, RabbitMQ and SMTP connection properties, with no configuration in the test.
 */
public final class CercleTestInfrastructureContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
                                                     List<ContextConfigurationAttributes> configAttributes) {
        return CercleTestInfrastructureContextCustomizer.INSTANCE;
    }
}
