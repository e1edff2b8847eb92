package io.cercle.notification;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one application context of the service's full tests (behaviour and conformance), on the real MongoDB-protocol
 * server, broker and SMTP server. One context, because every context runs consumers on the same durable queues: two
 * would compete for the events a test publishes; and each context costs a start. So the settings are the union of
 * what the tests need: a real port for the conformance checks, MockMvc for the API tests, and an issuer that
 * refuses connections (the API tests authenticate without the decoder; the conformance test shows the 503).
 * What the web layer decides alone (401, 403, 400) is checked in {@code @CercleWebMvcTest} slices instead.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.security.oauth2.resourceserver.jwt.issuer-uri=http://127.0.0.1:9/realms/unreachable")
@AutoConfigureMockMvc
public @interface NotificationServiceTest {
}
