package io.cercle.gateway.limits;

import io.cercle.gateway.problem.GatewayProblems;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(LimitsProperties.class)
class LimitsConfiguration {

    /** Netty's own limits (server.max-http-request-header-size, server.netty.max-initial-line-length) come from Boot. */
    @Bean
    RequestHeadLimitFilter requestHeadLimitFilter(LimitsProperties limits, GatewayProblems problems,
            ServerProperties server, NettyServerProperties netty) {
        return new RequestHeadLimitFilter(limits, server.getMaxHttpRequestHeaderSize(), netty.getMaxInitialLineLength(),
                problems);
    }
}
