package io.cercle.gateway.limits;

import io.cercle.gateway.problem.GatewayProblems;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

    @Bean
    RequestHeadLimitFilter requestHeadLimitFilter(LimitsProperties limits, GatewayProblems problems,
            @Value("${server.max-http-request-header-size}") DataSize nettyHeaderLimit,
            @Value("${server.netty.max-initial-line-length}") DataSize nettyLineLimit) {
        return new RequestHeadLimitFilter(limits, nettyHeaderLimit, nettyLineLimit, problems);
    }
}
