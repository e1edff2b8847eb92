package io.cercle.gateway.limits;

import io.cercle.gateway.problem.GatewayProblems;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.URI;

/**
 * Refuses a request target longer than {@code cercle.gateway.max-uri-length} (414) and request headers larger than
 * {@code cercle.gateway.max-header-size} (431) with a problem, like every other error of the gateway, before the
 * token is even parsed.
 *
 * <p>Netty checks both itself while decoding the request and answers with an empty body before any filter runs. Its
 * limits (server.max-http-request-header-size, server.netty.max-initial-line-length) are therefore set well above
 * these, and checked at start to stay so: a request between the two gets this filter's problem, and only an absurd
 * one (over 64 KB) still gets Netty's bare answer.
 */
final class RequestHeadLimitFilter implements WebFilter, Ordered {

    private final long maxHeaderBytes;
    private final int maxUriLength;
    private final String headerDetail;
    private final String uriDetail;
    private final GatewayProblems problems;

    RequestHeadLimitFilter(LimitsProperties limits, DataSize nettyHeaderLimit, DataSize nettyLineLimit,
                           GatewayProblems problems) {
        this.maxHeaderBytes = limits.maxHeaderSize().toBytes();
        this.maxUriLength = limits.maxUriLength();
        if (maxHeaderBytes >= nettyHeaderLimit.toBytes()) {
            throw new IllegalStateException("cercle.gateway.max-header-size (" + limits.maxHeaderSize() + ") must be "
                    + "under server.max-http-request-header-size (" + nettyHeaderLimit + "), Netty's own limit");
        }
        // The initial line also holds the method and the protocol version: "DELETE " and " HTTP/1.1".
        if (maxUriLength + 16 >= nettyLineLimit.toBytes()) {
            throw new IllegalStateException("cercle.gateway.max-uri-length (" + maxUriLength + ") must be well under "
                    + "server.netty.max-initial-line-length (" + nettyLineLimit + "), Netty's own limit");
        }
        this.headerDetail = "The request headers are larger than the " + LimitsProperties.readable(limits.maxHeaderSize())
                + " the API accepts";
        this.uriDetail = "The request URI is longer than the " + maxUriLength + " characters the API accepts";
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (uriLength(exchange.getRequest().getURI()) > maxUriLength) {
            return problems.write(exchange, HttpStatus.URI_TOO_LONG, uriDetail);
        }
        if (headerBytes(exchange.getRequest().getHeaders()) > maxHeaderBytes) {
            return problems.write(exchange, HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, headerDetail);
        }
        return chain.filter(exchange);
    }

    private static int uriLength(URI uri) {
        String path = uri.getRawPath();
        String query = uri.getRawQuery();
        return (path == null ? 0 : path.length()) + (query == null ? 0 : 1 + query.length());
    }

    /** As Netty counts them: each "name: value" line without its line break; headers arrive in ISO-8859-1. */
    private static long headerBytes(HttpHeaders headers) {
        long bytes = 0;
        for (var header : headers.headerSet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + 2L + value.length();
            }
        }
        return bytes;
    }

    /** After the request id, security headers and CORS, so that the refusal carries them; before everything else. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 3;
    }
}
