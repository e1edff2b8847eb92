package io.cercle.platform.security;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierReactiveJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.ReactiveJwtAuthenticationConverterAdapter;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.stream.Stream;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's security: the same Keycloak token rules as the services (reactive flavour), so that a request
 * without a valid token stops at the edge with a 401 problem.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties({SecurityProperties.class, OAuth2ResourceServerProperties.class})
public class ReactiveSecurityAutoConfiguration {

    /** As in the servlet services: an issuer that cannot be reached yet means 503, not 500. */
    @Bean
    @ConditionalOnMissingBean
    ReactiveJwtDecoder reactiveJwtDecoder(OAuth2ResourceServerProperties resourceServer,
                                          SecurityProperties security) {
        String issuer = resourceServer.getJwt().getIssuerUri();
        String jwkSetUri = security.jwkSetUri() == null ? "" : security.jwkSetUri();
        var lazy = new SupplierReactiveJwtDecoder(() -> {
            NimbusReactiveJwtDecoder decoder = jwkSetUri.isBlank()
                    ? NimbusReactiveJwtDecoder.withIssuerLocation(issuer).build()
                    : NimbusReactiveJwtDecoder.withJwkSetUri(jwkSetUri).build();
            decoder.setJwtValidator(TokenValidation.validator(issuer, security.clockSkew(), security.audience(),
                    security.allowedClients()));
            return decoder;
        });
        return token -> lazy.decode(token).onErrorMap(JwtDecoderInitializationException.class,
                e -> new JwtException("The identity provider " + issuer + " cannot be reached", e));
    }

    @Bean
    @ConditionalOnMissingBean(SecurityWebFilterChain.class)
    SecurityWebFilterChain cercleSecurityWebFilterChain(ServerHttpSecurity http, JsonMapper json,
            SecurityProperties security) {
        var converter = new ReactiveJwtAuthenticationConverterAdapter(new KeycloakTokenConverter());
        return http
                .csrf(ServerHttpSecurity.CsrfSpec::disable)
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/api/*/v3/api-docs", "/webjars/**").permitAll()
                        // One matcher for the shared and the service's own public paths: WebFlux refuses an empty
                        // list, and a service may have none of its own.
                        .pathMatchers(Stream.concat(Arrays.stream(PublicPaths.ALL),
                                security.servicePublicPaths().stream()).toArray(String[]::new))
                                .permitAll()
                        .anyExchange().authenticated())
                .oauth2ResourceServer(server -> server
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(converter))
                        .authenticationFailureHandler((filterExchange, e) -> e instanceof AuthenticationServiceException
                                ? write(json, filterExchange.getExchange(), HttpStatus.SERVICE_UNAVAILABLE,
                                        "The identity provider cannot be reached; retry later")
                                : write(json, filterExchange.getExchange(), HttpStatus.UNAUTHORIZED,
                                        "A valid bearer access token is required"))
                        .authenticationEntryPoint((exchange, e) ->
                                write(json, exchange, HttpStatus.UNAUTHORIZED, "A valid bearer access token is required"))
                        .accessDeniedHandler((exchange, e) ->
                                write(json, exchange, HttpStatus.FORBIDDEN, "Your roles do not allow this request")))
                .build();
    }

    private static Mono<Void> write(JsonMapper json, ServerWebExchange exchange, HttpStatus status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(status.getReasonPhrase());
        var response = exchange.getResponse();
        response.setStatusCode(status);
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.getHeaders().set("WWW-Authenticate", "Bearer");
        }
        DataBuffer body = response.bufferFactory().wrap(json.writeValueAsBytes(problem));
        return response.writeWith(Mono.just(body));
    }
}
