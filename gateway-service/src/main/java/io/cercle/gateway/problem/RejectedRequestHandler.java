package io.cercle.gateway.problem;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedException;
import org.springframework.security.web.server.firewall.ServerExchangeRejectedHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Spring Security's firewall refuses request paths that could mean something else to a service than to the
 * gateway's routes ({@code ..}, encoded slashes or dots, among others) and unusual methods and header values. Its own answer is a bare 400; this one is the gateway's problem, and does not echo what was refused.
 */
@Component
class RejectedRequestHandler implements ServerExchangeRejectedHandler {

    private final GatewayProblems problems;

    RejectedRequestHandler(GatewayProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, ServerExchangeRejectedException rejection) {
        return problems.write(exchange, HttpStatus.BAD_REQUEST, "The request's path, method or a header holds "
                + "something the API refuses, such as a dot segment or an encoded slash");
    }
}
