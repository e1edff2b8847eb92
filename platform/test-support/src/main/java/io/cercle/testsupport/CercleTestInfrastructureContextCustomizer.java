package io.cercle.testsupport;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.TestPropertySourceUtils;

import java.util.HashMap;

/**
 * Adds {@link CercleTestInfrastructurePropertySource} above the application's own configuration, but below what a
 * test states itself ({@code @TestPropertySource}, {@code @SpringBootTest(properties=…)}, {@code @DynamicPropertySource}),
 * so a test can still override a value. Stateless: one instance keeps Spring's context cache key stable.
 */
final class CercleTestInfrastructureContextCustomizer implements ContextCustomizer {

    static final CercleTestInfrastructureContextCustomizer INSTANCE = new CercleTestInfrastructureContextCustomizer();
    static final String DYNAMIC_PROPERTIES = "Dynamic Test Properties";
    static final String BUS_NAMES = "cercleTestBusNames";

    private CercleTestInfrastructureContextCustomizer() {
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        MutablePropertySources sources = context.getEnvironment().getPropertySources();
        if (sources.contains(CercleTestInfrastructurePropertySource.NAME)) {
            return;
        }
        CercleTestInfrastructurePropertySource source = new CercleTestInfrastructurePropertySource(context.getEnvironment());
        if (sources.contains(DYNAMIC_PROPERTIES)) {
            sources.addAfter(DYNAMIC_PROPERTIES, source);
        } else if (sources.contains(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(TestPropertySourceUtils.INLINED_PROPERTIES_PROPERTY_SOURCE_NAME, source);
        } else {
            sources.addFirst(source);
        }
        // Exchange and queue names of this checkout's tests only (TestBusNames): a second build on the same broker
        // must not consume this one's events.
        sources.addAfter(CercleTestInfrastructurePropertySource.NAME,
                new MapPropertySource(BUS_NAMES, new HashMap<>(TestBusNames.springProperties())));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CercleTestInfrastructureContextCustomizer;
    }

    @Override
    public int hashCode() {
        return CercleTestInfrastructureContextCustomizer.class.hashCode();
    }
}
