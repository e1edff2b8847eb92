package io.cercle.platform.security;

import io.cercle.platform.problem.ProblemWriter;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.List;

/**
 * Every servlet service is an OAuth2 resource server of the Keycloak realm: a bearer token is required everywhere
 * but on health, metrics and API documentation; failures answer {@code application/problem+json}.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableMethodSecurity
@EnableConfigurationProperties({SecurityProperties.class, OAuth2ResourceServerProperties.class})
public class SecurityAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    KeycloakTokenConverter keycloakTokenConverter() {
        return new KeycloakTokenConverter();
    }

    /**
     * Boot's decoder from the issuer, except that an issuer that cannot be reached yet is a
     * {@link JwtException} (hence a 503 problem below) instead of an {@link IllegalStateException} (a 500).
     * The decoder is built lazily and retried on the next request, so a service starts while Keycloak is down.
     * With {@code cercle.security.jwk-set-uri}, the signing keys come from there (e.g. Keycloak's in-cluster
     * Service) while tokens must still name {@code issuer} (the URL browsers use).
     */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jwtDecoder(OAuth2ResourceServerProperties resourceServer, SecurityProperties security) {
        String issuer = resourceServer.getJwt().getIssuerUri();
        String jwkSetUri = security.jwkSetUri() == null ? "" : security.jwkSetUri();
        var lazy = new SupplierJwtDecoder(() -> {
            NimbusJwtDecoder decoder = jwkSetUri.isBlank()
                    ? NimbusJwtDecoder.withIssuerLocation(issuer).build()
                    : NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
            decoder.setJwtValidator(TokenValidation.validator(issuer, security.clockSkew(), security.audience(),
                    security.allowedClients()));
            return decoder;
        });
        return token -> {
            try {
                return lazy.decode(token);
            } catch (JwtDecoderInitializationException e) {
                throw new JwtException("The identity provider " + issuer + " cannot be reached", e);
            }
        };
    }

    @Bean
    @ConditionalOnMissingBean(SecurityFilterChain.class)
    SecurityFilterChain cercleSecurityFilterChain(HttpSecurity http, KeycloakTokenConverter converter,
            ProblemWriter problems, SecurityProperties security) throws Exception {
        AuthenticationEntryPoint unauthenticated = (request, response, e) -> problems.write(response,
                HttpStatus.UNAUTHORIZED, "A valid bearer access token is required");
        AccessDeniedHandler denied = (request, response, e) -> problems.write(response,
                HttpStatus.FORBIDDEN, "Your roles do not allow this request");
        return http
                .csrf(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PublicPaths.ALL).permitAll()
                        .requestMatchers(security.servicePublicPaths().toArray(String[]::new)).permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied)
                        .withObjectPostProcessor(new ObjectPostProcessor<BearerTokenAuthenticationFilter>() {
                            @Override
                            public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                filter.setAuthenticationFailureHandler((request, response, e) -> {
                                    // Keycloak unreachable: the token may be fine, we just cannot check it now.
                                    if (e instanceof AuthenticationServiceException) {
                                        problems.write(response, HttpStatus.SERVICE_UNAVAILABLE,
                                                "The identity provider cannot be reached; retry later");
                                    } else {
                                        unauthenticated.commence(request, response, e);
                                    }
                                });
                                return filter;
                            }
                        }))
                .exceptionHandling(handling -> handling
                        .authenticationEntryPoint(unauthenticated)
                        .accessDeniedHandler(denied))
                .headers(Customizer.withDefaults())
                .build();
    }

    @Bean
    WebMvcConfigurer currentMemberResolver() {
        return new WebMvcConfigurer() {
            @Override
            public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
                resolvers.add(new CurrentMemberArgumentResolver());
            }
        };
    }
}
