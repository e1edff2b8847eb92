package io.cercle.identity.avatar;

import org.junit.jupiter.api.Test;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/** The container's multipart limits never undercut the avatar limit (no Spring needed). */
class AvatarMultipartLimitsTest {

    private final AvatarConfiguration configuration = new AvatarConfiguration();

    @Test
    void theContainerAcceptsTwiceTheAvatarLimitSoThatTheRejectionIsOurs() {
        var config = configuration.avatarAwareMultipartConfig(new MultipartProperties(),
                new AvatarProperties(DataSize.ofMegabytes(3), 4096, 4096, 2));

        assertThat(config.getMaxFileSize()).isEqualTo(DataSize.ofMegabytes(6).toBytes());
        assertThat(config.getMaxRequestSize()).isGreaterThan(config.getMaxFileSize());
    }

    @Test
    void largerOrUnlimitedContainerSettingsAreKept() {
        var multipart = new MultipartProperties();
        multipart.setMaxFileSize(DataSize.ofMegabytes(50));
        multipart.setMaxRequestSize(DataSize.ofBytes(-1));

        var config = configuration.avatarAwareMultipartConfig(multipart,
                new AvatarProperties(DataSize.ofMegabytes(1), 4096, 4096, 2));

        assertThat(config.getMaxFileSize()).isEqualTo(DataSize.ofMegabytes(50).toBytes());
        assertThat(config.getMaxRequestSize()).isEqualTo(-1);
    }
}
