package io.cercle.platform.openapi;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

import java.util.List;

/** Every service describes its API with a bearer-token security scheme; the gateway gathers them. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI cercleOpenApi(@Value("${spring.application.name:cercle}") String service,
                          @Value("${cercle.api.description:}") String description) {
        return new OpenAPI()
                .info(new Info().title("Cercle " + service).version("v1").description(description)
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("Access token of the Keycloak realm; its organization claim names the tenant")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    ProblemResponses problemResponses(@Value("${cercle.security.public-paths:}") List<String> publicPaths) {
        return new ProblemResponses(publicPaths);
    }
}
