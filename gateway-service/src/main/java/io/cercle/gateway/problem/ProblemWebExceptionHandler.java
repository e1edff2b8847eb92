package io.cercle.gateway.problem;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

/**
 * Every error the gateway raises itself (no route: 404, wrong method: 405, body too large: 413, …) leaves as
 * {@code application/problem+json}. Runs before Spring Boot's error handler (order -1), which would write its
 * own JSON shape, and before WebFlux problem details, which only cover annotated controllers.
 */
@Component
@Order(-2)
class ProblemWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemWebExceptionHandler.class);

    private final GatewayProblems problems;

    ProblemWebExceptionHandler(GatewayProblems problems) {
        this.problems = problems;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(ex);
        }
        ProblemDetail problem;
        if (ex instanceof ErrorResponse error) {
            // Detail of a framework exception is a fixed, safe sentence ("No static resource …" is not: it
            // echoes the path, which the instance field already carries), so keep only the status phrase.
            problem = ProblemDetail.forStatus(error.getStatusCode());
            problem.setDetail(error.getBody().getDetail() != null && error.getStatusCode().value() != 404
                    ? error.getBody().getDetail() : describe(error.getStatusCode().value()));
            exchange.getResponse().getHeaders().addAll(error.getHeaders());
        } else {
            log.error("Unexpected error at the gateway for {}", exchange.getRequest().getPath(), ex);
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                    "The gateway failed to handle the request");
        }
        return problems.write(exchange, problem);
    }

    private static String describe(int status) {
        return status == 404 ? "No API answers at this path" : HttpStatus.valueOf(status).getReasonPhrase();
    }
}
