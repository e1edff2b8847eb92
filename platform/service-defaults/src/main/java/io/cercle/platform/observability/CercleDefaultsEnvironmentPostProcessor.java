package io.cercle.platform.observability;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Adds {@code cercle-defaults.properties} as the lowest-precedence property source: the settings every service
 * shares (probes, metrics, logs, tracing, bus defaults), which a service's application.yml or the environment
 * can still override.
 */
public class CercleDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor {

    static final String NAME = "cercle-defaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.getPropertySources().contains(NAME)) {
            return;
        }
        try {
            for (PropertySource<?> source : new PropertiesPropertySourceLoader()
                    .load(NAME, new ClassPathResource("cercle-defaults.properties"))) {
                environment.getPropertySources().addLast(source);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
