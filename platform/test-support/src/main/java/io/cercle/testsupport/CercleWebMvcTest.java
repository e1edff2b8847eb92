package io.cercle.testsupport;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A web slice of a Cercle service: the named controllers with MockMvc, behind the service's real security chain,
 * problem details, {@code CurrentMember} resolver and Keycloak token converter (service-defaults adds them to every
 * {@code @WebMvcTest} through its {@code WebMvcTest.imports}), trusting {@link TestTokens}' signing key. Tokens go
 * through the production decoder and validators (issuer, expiry, {@code typ}, {@code aud}, {@code azp}): only the
 * place the keys come from differs ({@code cercle.security.jwk-set-uri}, served by {@link TestSigningKey}). No
 * MongoDB, broker, Keycloak or SMTP server starts; a controller's collaborators are real objects where cheap, else
 * {@code @MockitoBean}s of service classes.
 *
 * <pre>{@code
 * @CercleWebMvcTest(TenantController.class)
 * @MockitoBean(types = TenantService.class)
 * class TenantWebTest { @Autowired MockMvc mvc; … }
 * }</pre>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@WebMvcTest(properties = {
        "spring.security.oauth2.resourceserver.jwt.issuer-uri=" + TestTokens.ISSUER,
        "cercle.security.jwk-set-uri=${" + CercleTestInfrastructurePropertySource.JWK_SET_URI + "}"})
public @interface CercleWebMvcTest {

    /** The controllers under test. */
    @AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
    Class<?>[] value() default {};
}
