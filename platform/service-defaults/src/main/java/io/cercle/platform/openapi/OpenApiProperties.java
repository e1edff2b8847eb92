package io.cercle.platform.openapi;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a service's OpenAPI document introduces it ({@code cercle.api.*}).
 *
 * @param title       the document's title; cercle-defaults.properties makes it "Cercle" and the service's name
 * @param description what the service is for, one sentence (each service's application.yml)
 */
@ConfigurationProperties("cercle.api")
public record OpenApiProperties(@DefaultValue("Cercle") String title, @DefaultValue("") String description) {
}
