package io.cercle.platform.session;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** Adds {@code GET /session} to every servlet service. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class SessionAutoConfiguration {

    @Bean
    SessionController sessionController(@Value("${spring.application.name}") String service) {
        return new SessionController(service);
    }
}
