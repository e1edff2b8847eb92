package io.cercle.gateway.cors;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;

/** @param allowedOrigins browser origins allowed to call the API (scheme://host[:port]); none by default */
@ConfigurationProperties("cercle.gateway.cors")
record CorsProperties(List<String> allowedOrigins) {

    CorsProperties {
        allowedOrigins = allowedOrigins == null ? List.of()
                : allowedOrigins.stream().map(String::trim).filter(origin -> !origin.isEmpty()).toList();
    }
}
