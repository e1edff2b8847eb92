package io.cercle.notification;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The one application context of the service's behaviour tests, on the real MongoDB-protocol server, broker and
 * SMTP server. One context, because every context runs consumers on the same durable queues: two would compete
 * for the events a test publishes.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest
@AutoConfigureMockMvc
public @interface NotificationServiceTest {
}
