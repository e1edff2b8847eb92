package io.cercle.identity.avatar;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Avatar settings ({@code cercle.avatars.*}).
 *
 * @param maxSize the largest picture accepted; larger uploads are a 400 naming {@code file}
 */
@ConfigurationProperties("cercle.avatars")
record AvatarProperties(@DefaultValue("1MB") DataSize maxSize) {
}
