package io.cercle.gateway.limits;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The largest request the gateway accepts; anything larger is refused with a problem before the token is checked.
 *
 * @param maxBodySize   request body (413)
 * @param maxHeaderSize all header lines together, counted as Netty counts them (431)
 * @param maxUriLength  the request target, path and query, in characters (414)
 */
@ConfigurationProperties("cercle.gateway")
record LimitsProperties(DataSize maxBodySize, DataSize maxHeaderSize, int maxUriLength) {

    LimitsProperties {
        if (maxBodySize == null || maxHeaderSize == null || maxBodySize.toBytes() < 1 || maxHeaderSize.toBytes() < 1) {
            throw new IllegalArgumentException("cercle.gateway.max-body-size and max-header-size must be positive sizes");
        }
        if (maxUriLength < 1) {
            throw new IllegalArgumentException("cercle.gateway.max-uri-length must be at least 1");
        }
    }

    /** As an operator wrote it (16KB, 5MB), not as DataSize prints it (16384B): problem details quote it. */
    static String readable(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "MB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + "KB" : bytes + "B";
    }
}
