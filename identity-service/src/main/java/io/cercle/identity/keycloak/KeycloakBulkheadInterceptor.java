package io.cercle.identity.keycloak;

import io.cercle.platform.problem.ProblemWriter;
import io.cercle.platform.security.MemberAuthentication;
import io.micrometer.core.instrument.Counter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

import java.io.IOException;
import java.time.Duration;

/**
 * Runs each {@link CallsKeycloak} request within its tenant's bulkhead, for the whole request: a permit taken per
 * Keycloak call could be refused half-way through a request and leave it half-written.
 */
class KeycloakBulkheadInterceptor implements HandlerInterceptor {

    /** The bulkhead of callers whose token names no tenant (platform admins, people joining a tenant). */
    static final String NO_TENANT = "(no tenant)";
    /** The bulkhead of requests without a token (accepting an invitation). */
    static final String ANONYMOUS = "(anonymous)";

    private static final Logger log = LoggerFactory.getLogger(KeycloakBulkheadInterceptor.class);
    private static final String HELD = KeycloakBulkheadInterceptor.class.getName() + ".tenant";

    private final TenantBulkheads bulkheads;
    private final ProblemWriter problems;
    private final Duration retryAfter;
    private final Counter rejected;

    KeycloakBulkheadInterceptor(TenantBulkheads bulkheads, ProblemWriter problems, Duration retryAfter,
                                Counter rejected) {
        this.bulkheads = bulkheads;
        this.problems = problems;
        this.retryAfter = retryAfter;
        this.rejected = rejected;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        if (!(handler instanceof HandlerMethod method) || !method.hasMethodAnnotation(CallsKeycloak.class)) {
            return true;
        }
        String tenant = tenantOf();
        if (!bulkheads.tryAcquire(tenant)) {
            rejected.increment();
            log.info("Refused {} {}: tenant {} already has its share of Keycloak calls running",
                    request.getMethod(), request.getRequestURI(), tenant);
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
            problems.write(response, HttpStatus.TOO_MANY_REQUESTS, "Your organization has too many account "
                    + "operations running at once; retry after the delay in Retry-After");
            return false;
        }
        request.setAttribute(HELD, tenant);
        return true;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (request.getAttribute(HELD) instanceof String tenant) {
            request.removeAttribute(HELD);
            bulkheads.release(tenant);
        }
    }

    /**
     * The tenant of the verified token, else one of two shared bulkheads. Never a tenant named by the path or the
     * body: anyone could then make up names without end, and a bulkhead for each.
     */
    private static String tenantOf() {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication instanceof MemberAuthentication member) {
            return member.member().tenantId().orElse(NO_TENANT);
        }
        return ANONYMOUS;
    }
}
