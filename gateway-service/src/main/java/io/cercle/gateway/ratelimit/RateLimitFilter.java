package io.cercle.gateway.ratelimit;

import io.cercle.gateway.problem.GatewayProblems;
import io.cercle.platform.security.CurrentMember;
import io.cercle.platform.security.MemberAuthentication;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Optional;

/**
 * Limits routed requests per member and per tenant, both read from the verified token (never from a header a
 * caller could choose). Requests without a token either were refused with 401 by the security chain already or
 * are public API descriptions, which are not limited. The member's bucket is checked first, so that one busy
 * member exhausts their own allowance before eating into the tenant's.
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    private final RateLimits limits;
    private final GatewayProblems problems;

    RateLimitFilter(RateLimits limits, GatewayProblems problems) {
        this.limits = limits;
        this.problems = problems;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .flatMap(authentication -> firstRefusal(authentication.member()))
                .map(Optional::of)
                .defaultIfEmpty(Optional.empty())
                .flatMap(refusal -> refusal.isPresent() ? refuse(exchange, refusal.get()) : chain.filter(exchange));
    }

    /** Empty when every bucket let the request through. */
    private Mono<RateLimits.Decision> firstRefusal(CurrentMember member) {
        Mono<RateLimits.Decision> memberCheck = limits.tryConsume(LimitKind.MEMBER, member.memberId());
        return memberCheck.flatMap(decision -> {
            if (!decision.allowed()) {
                return Mono.just(decision);
            }
            return member.tenantId()
                    .map(tenant -> limits.tryConsume(LimitKind.TENANT, tenant).filter(tenantDecision -> !tenantDecision.allowed()))
                    .orElseGet(Mono::empty);
        });
    }

    private Mono<Void> refuse(ServerWebExchange exchange, RateLimits.Decision decision) {
        // Whole seconds, rounded up, at least 1: Retry-After has no finer unit.
        long seconds = Math.max(1, (decision.retryAfter().toMillis() + 999) / 1000);
        exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        String whose = decision.kind() == LimitKind.TENANT ? "Your organization's" : "Your member";
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "%s request rate limit (%s) is exhausted; retry in %d s"
                .formatted(whose, decision.kind().label(), seconds));
    }

    /** After the route is chosen, before the circuit breaker and the call to the service. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
