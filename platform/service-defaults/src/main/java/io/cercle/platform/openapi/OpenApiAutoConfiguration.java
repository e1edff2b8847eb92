package io.cercle.platform.openapi;

import io.cercle.platform.security.SecurityProperties;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Every service describes its API with a bearer-token security scheme; the gateway gathers them. */
@AutoConfiguration
@ConditionalOnClass(OpenAPI.class)
@EnableConfigurationProperties({OpenApiProperties.class, SecurityProperties.class})
public class OpenApiAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    OpenAPI cercleOpenApi(OpenApiProperties api) {
        return new OpenAPI()
                .info(new Info().title(api.title()).version("v1").description(api.description())
                        .license(new License().name("Apache-2.0")))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")
                        .description("Access token of the Keycloak realm; its organization claim names the tenant")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }

    @Bean
    ProblemResponses problemResponses(SecurityProperties security) {
        return new ProblemResponses(security.servicePublicPaths());
    }
}
