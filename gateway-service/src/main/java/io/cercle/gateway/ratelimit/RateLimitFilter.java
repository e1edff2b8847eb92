package io.cercle.gateway.ratelimit;

import io.cercle.gateway.problem.GatewayProblems;
import io.cercle.platform.security.CurrentMember;
import io.cercle.platform.security.MemberAuthentication;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.support.ipresolver.RemoteAddressResolver;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * Limits routed requests per member and per tenant, both read from the verified token (never from a header a
 * caller could choose). The member's bucket is checked first, so that one busy member exhausts their own allowance
 * before eating into the tenant's. A routed request without a token got past the security chain only on a public
 * path (the API descriptions); it is limited per client address, resolved through the
 * configured number of trusted proxies.
 */
final class RateLimitFilter implements GlobalFilter, Ordered {

    private final RateLimits limits;
    private final GatewayProblems problems;
    private final RemoteAddressResolver addresses;

    RateLimitFilter(RateLimits limits, GatewayProblems problems, RemoteAddressResolver addresses) {
        this.limits = limits;
        this.problems = problems;
        this.addresses = addresses;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return exchange.getPrincipal()
                .ofType(MemberAuthentication.class)
                .map(authentication -> Optional.of(authentication.member()))
                .defaultIfEmpty(Optional.empty())
                .flatMap(member -> member.map(this::firstRefusal).orElseGet(() -> addressRefusal(exchange))
                        .map(Optional::of)
                        .defaultIfEmpty(Optional.empty()))
                .flatMap(refusal -> refusal.isPresent() ? refuse(exchange, refusal.get()) : chain.filter(exchange));
    }

    /** Empty when the caller's address may send one more request without a token. */
    private Mono<RateLimits.Decision> addressRefusal(ServerWebExchange exchange) {
        InetSocketAddress address = addresses.resolve(exchange);
        if (address == null || address.getAddress() == null) {
            return Mono.empty();
        }
        return limits.tryConsume(LimitKind.ADDRESS, address.getAddress().getHostAddress())
                .filter(decision -> !decision.allowed());
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
        String whose = switch (decision.kind()) {
            case TENANT -> "Your organization's";
            case MEMBER -> "Your member";
            case ADDRESS -> "Your network address's";
        };
        return problems.write(exchange, HttpStatus.TOO_MANY_REQUESTS, "%s request rate limit (%s) is exhausted; retry in %d s"
                .formatted(whose, decision.kind().label(), seconds));
    }

    /** After the route is chosen, before the circuit breaker and the call to the service. */
    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 100;
    }
}
