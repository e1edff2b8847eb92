package io.cercle.identity.tenant;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TenantProperties.class)
class TenantConfiguration {

    @Bean
    PublicMailDomains publicMailDomains(TenantProperties properties) {
        return PublicMailDomains.builtInAnd(properties.publicMailDomains());
    }
}
