package io.cercle.gateway.limits;

import io.cercle.gateway.problem.GatewayProblems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Refuses request bodies over {@code cercle.gateway.max-body-size} with a 413 problem, before the token is even
 * checked: a large body costs the gateway and a service memory whoever sends it. A declared Content-Length is
 * refused at once; a chunked body is counted as it streams and cut when it passes the limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 4)
class BodySizeLimitFilter implements WebFilter {

    private final long maxBytes;
    private final String detail;
    private final GatewayProblems problems;

    BodySizeLimitFilter(LimitsProperties limits, GatewayProblems problems) {
        this.maxBytes = limits.maxBodySize().toBytes();
        this.detail = "The request body is larger than the " + LimitsProperties.readable(limits.maxBodySize())
                + " the API accepts";
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long declared = exchange.getRequest().getHeaders().getContentLength();
        if (declared > maxBytes) {
            return problems.write(exchange, HttpStatus.CONTENT_TOO_LARGE, detail);
        }
        if (declared >= 0) {
            return chain.filter(exchange);
        }
        var counted = new ServerHttpRequestDecorator(exchange.getRequest()) {
            @Override
            public Flux<DataBuffer> getBody() {
                AtomicLong seen = new AtomicLong();
                return super.getBody().handle((buffer, sink) -> {
                    if (seen.addAndGet(buffer.readableByteCount()) > maxBytes) {
                        DataBufferUtils.release(buffer);
                        sink.error(new ResponseStatusException(HttpStatus.CONTENT_TOO_LARGE, detail));
                    } else {
                        sink.next(buffer);
                    }
                });
            }
        };
        return chain.filter(exchange.mutate().request(counted).build());
    }
}
