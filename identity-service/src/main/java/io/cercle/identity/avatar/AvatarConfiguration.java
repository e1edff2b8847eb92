package io.cercle.identity.avatar;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AvatarProperties.class)
class AvatarConfiguration {

    /**
     * The servlet container's multipart limits, widened so that they never sit below {@code cercle.avatars.max-size}.
     * Boot's default (1 MB per file) equals our default limit: a picture a few bytes too large would be cut off by
     * the container (a 413 without the field) before our check could answer 400 naming {@code file}, and raising
     * {@code cercle.avatars.max-size} alone would silently change nothing. Twice our limit leaves room for the
     * rejection to be ours; beyond that the container refuses the upload (413 problem, ProblemHandler) without
     * buffering it. Any larger {@code spring.servlet.multipart.*} values still win.
     */
    @Bean
    MultipartConfigElement avatarAwareMultipartConfig(MultipartProperties multipart, AvatarProperties avatars) {
        MultipartConfigElement configured = multipart.createMultipartConfig();
        long file = atLeast(configured.getMaxFileSize(), 2 * avatars.maxSize().toBytes());
        // The request also carries the part headers and boundaries, hence the margin.
        long request = atLeast(configured.getMaxRequestSize(), file + DataSize.ofKilobytes(64).toBytes());
        return new MultipartConfigElement(configured.getLocation(), file, request,
                configured.getFileSizeThreshold());
    }

    /** A negative limit means "unlimited" to the container and stays so. */
    private static long atLeast(long configured, long minimum) {
        return configured < 0 ? configured : Math.max(configured, minimum);
    }
}
