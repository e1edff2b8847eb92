package io.cercle.identity.invitation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InvitationProperties.class)
class InvitationConfiguration {

    @Bean
    InvitationTokens invitationTokens(InvitationProperties properties) {
        return new InvitationTokens(properties.secret());
    }
}
