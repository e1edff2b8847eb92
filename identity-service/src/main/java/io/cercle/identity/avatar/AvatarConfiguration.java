package io.cercle.identity.avatar;

import jakarta.servlet.MultipartConfigElement;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
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

    /**
     * The index of the pictures' GridFS files collection ({@code avatars.files}): every read looks a member's picture
     * up by tenant and member, newest first. GridFS writes that collection itself, from no document class of ours, so
     * no {@code @Indexed} can declare it as the other collections' indexes are (auto-index creation); it is created
     * once the context is up, here, rather than as a side effect of building {@link AvatarStore}.
     */
    @Bean
    ApplicationRunner avatarFilesIndex(MongoTemplate mongo) {
        return arguments -> mongo.indexOps(AvatarStore.BUCKET + ".files").createIndex(new Index()
                .on("metadata.tenantId", Sort.Direction.ASC).on("metadata.memberId", Sort.Direction.ASC)
                .on("_id", Sort.Direction.DESC).named("tenant_member"));
    }

    /** A negative limit means "unlimited" to the container and stays so. */
    private static long atLeast(long configured, long minimum) {
        return configured < 0 ? configured : Math.max(configured, minimum);
    }
}
