package io.cercle.gateway.actuator;

import io.cercle.gateway.problem.GatewayProblems;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The API port serves no actuator, with or without a token, and before the token is checked:
 * <ul>
 * <li>no route reaches a service's actuator: {@code /api/<service>/actuator} and everything under it answer the
 * same 404 problem as a path no service serves. The services' own {@code /actuator} stays reachable inside the
 * cluster, for probes and Prometheus;</li>
 * <li>the gateway's own actuator is on the management port; {@code /actuator/**} on the API port answers that 404
 * too (rather than a 401 for the endpoints that need a token).</li>
 * </ul>
 *
 * <p>The path is judged as a service would read it, not as it was written: percent-escapes decoded (repeatedly:
 * {@code %2561} is {@code a} after two decodings), backslashes as slashes, {@code ;parameters}, empty and {@code .}
 * segments dropped, {@code ..} applied, letters in any case. So {@code /api/identity//%61ctuator;x/prometheus} is
 * refused like {@code /api/identity/actuator/prometheus}. (Spring Security's firewall then refuses what is left of
 * the tricks, such as {@code ..} or an encoded slash, with a 400.)
 *
 * <p>This filter also runs for the management port (its context is a child of the application's), where the
 * gateway's {@code /actuator} must of course answer.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
class HiddenActuatorsFilter implements WebFilter {

    private static final String MANAGEMENT_NAMESPACE = "management";

    private final GatewayProblems problems;
    private final boolean ownActuatorElsewhere;

    HiddenActuatorsFilter(GatewayProblems problems, Environment environment) {
        this.problems = problems;
        this.ownActuatorElsewhere = ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        List<String> path = segments(exchange.getRequest().getURI().getRawPath());
        boolean hidden = isServiceActuator(path)
                || ownActuatorElsewhere && isOwnActuator(path) && !onManagementPort(exchange);
        return hidden ? problems.write(exchange, HttpStatus.NOT_FOUND, "No API answers at this path") : chain.filter(exchange);
    }

    static boolean reachesAServiceActuator(String rawPath) {
        return isServiceActuator(segments(rawPath));
    }

    static boolean reachesTheGatewaysActuator(String rawPath) {
        return isOwnActuator(segments(rawPath));
    }

    private static boolean isServiceActuator(List<String> segments) {
        return segments.size() >= 3 && segments.get(0).equalsIgnoreCase("api")
                && segments.get(2).equalsIgnoreCase("actuator");
    }

    private static boolean isOwnActuator(List<String> segments) {
        return !segments.isEmpty() && segments.getFirst().equalsIgnoreCase("actuator");
    }

    private static boolean onManagementPort(ServerWebExchange exchange) {
        return WebServerApplicationContext.hasServerNamespace(exchange.getApplicationContext(), MANAGEMENT_NAMESPACE);
    }

    private static List<String> segments(String rawPath) {
        String path = rawPath == null ? "" : rawPath;
        for (int i = 0; i < 3 && path.indexOf('%') >= 0; i++) {
            path = decode(path);
        }
        List<String> segments = new ArrayList<>();
        for (String segment : path.replace('\\', '/').split("/")) {
            int parameters = segment.indexOf(';');
            String name = parameters >= 0 ? segment.substring(0, parameters) : segment;
            if (name.isEmpty() || name.equals(".")) {
                continue;
            }
            if (name.equals("..")) {
                if (!segments.isEmpty()) {
                    segments.removeLast();
                }
                continue;
            }
            segments.add(name);
        }
        return segments;
    }

    /** Percent-decoding only ("+" stays a plus in a path); a malformed escape is left as it is. */
    private static String decode(String path) {
        try {
            return URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return path;
        }
    }
}
