package io.cercle.platform.idempotency;

import io.cercle.platform.idempotency.IdempotencyRecord.StoredResponse;
import io.cercle.platform.idempotency.IdempotencyStore.Claim;
import io.cercle.platform.idempotency.IdempotencyStore.InProgress;
import io.cercle.platform.idempotency.IdempotencyStore.Mismatch;
import io.cercle.platform.idempotency.IdempotencyStore.Replay;
import io.cercle.platform.idempotency.IdempotencyStore.Scope;
import io.cercle.platform.idempotency.IdempotencyStore.Started;
import io.cercle.platform.problem.FieldError;
import io.cercle.platform.problem.InvalidRequestException;
import io.cercle.platform.problem.ProblemWriter;
import io.cercle.platform.security.CurrentMember;
import io.cercle.platform.security.MemberAuthentication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The idempotency of {@link Idempotent} endpoints: claims the key before the handler runs (or answers from what an
 * earlier request with it stored), and once the handler is done stores a 2xx answer or releases the key.
 */
class IdempotencyInterceptor implements HandlerInterceptor {

    /** Letters, digits and a few URL- and base64-safe signs: keys appear in logs, never in markup or queries. */
    static final Pattern SAFE_KEY = Pattern.compile("[A-Za-z0-9._~:+/=-]{1,128}");
    private static final String CLAIM = IdempotencyInterceptor.class.getName() + ".claim";
    private static final Logger log = LoggerFactory.getLogger(IdempotencyInterceptor.class);

    private final IdempotencyStore store;
    private final ProblemWriter problems;
    private final Duration retryAfter;
    private final MeterRegistry meters;

    IdempotencyInterceptor(IdempotencyStore store, ProblemWriter problems, Duration retryAfter, MeterRegistry meters) {
        this.store = store;
        this.problems = problems;
        this.retryAfter = retryAfter;
        this.meters = meters;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException {
        Idempotent idempotent = handler instanceof HandlerMethod method
                ? method.getMethodAnnotation(Idempotent.class) : null;
        if (idempotent == null) {
            return true;
        }
        String key = request.getHeader(Idempotent.HEADER);
        if (key == null) {
            if (idempotent.required()) {
                throw new InvalidRequestException(new FieldError(Idempotent.HEADER, "is required for this request"));
            }
            return true;
        }
        if (!SAFE_KEY.matcher(key).matches()) {
            throw new InvalidRequestException(new FieldError(Idempotent.HEADER,
                    "must be 1 to 128 characters among letters, digits and - _ . : ~ + / ="));
        }
        // Security has run: an Idempotent endpoint is never public, so there is a verified caller.
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof MemberAuthentication authentication)) {
            return true;
        }
        BufferedRequest body = WebUtils.getNativeRequest(request, BufferedRequest.class);
        if (body == null) {
            throw new IllegalStateException("IdempotencyFilter did not buffer this request");
        }
        CurrentMember caller = authentication.member();
        var scope = new Scope(caller.tenantId().orElse(null), caller.memberId(), request.getMethod(),
                request.getRequestURI().substring(request.getContextPath().length()), key);
        Claim claim = store.claim(scope, body.fingerprint());
        count(claim);
        switch (claim) {
            case Started started -> {
                request.setAttribute(CLAIM, started);
                return true;
            }
            case Replay replay -> {
                log.info("Answered {} {} from Idempotency-Key {} of member {}: its first request's {}",
                        scope.method(), scope.path(), key, scope.memberId(), replay.response().status());
                replay(replay.response(), response);
                return false;
            }
            case InProgress ignored -> {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
                problems.write(response, HttpStatus.CONFLICT, "A request with this Idempotency-Key is still being "
                        + "processed; retry after the delay in Retry-After to get its answer");
                return false;
            }
            case Mismatch ignored -> {
                problems.write(response, HttpStatus.UNPROCESSABLE_CONTENT, "This Idempotency-Key was already used "
                        + "with a different request body; use a new key for a new request");
                return false;
            }
        }
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                                Exception failure) {
        if (!(request.getAttribute(CLAIM) instanceof Started started)) {
            return;
        }
        request.removeAttribute(CLAIM);
        var answer = WebUtils.getNativeResponse(response, ContentCachingResponseWrapper.class);
        int status = response.getStatus();
        try {
            // Only a success uses the key up. A failed request wrote nothing (house rule), so running it again is
            // safe, and its answer may change: a 409 after a reload, a 403 after a role was granted, a 503 later.
            if (failure == null && status >= 200 && status < 300 && answer != null) {
                store.complete(started, new StoredResponse(status, response.getHeader(HttpHeaders.LOCATION),
                        response.getContentType(), new String(answer.getContentAsByteArray(), StandardCharsets.UTF_8)));
            } else {
                store.release(started);
            }
        } catch (RuntimeException e) {
            // The key stays in progress until cercle.idempotency.in-progress-timeout; repeats get 409 until then.
            log.error("Could not store the outcome of Idempotency-Key claim {}", started.id(), e);
        }
    }

    private static void replay(StoredResponse stored, HttpServletResponse response) throws IOException {
        response.setStatus(stored.status());
        response.setHeader(Idempotent.REPLAYED_HEADER, "true");
        if (stored.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.contentType() != null) {
            response.setContentType(stored.contentType());
        }
        if (stored.body() != null) {
            response.getOutputStream().write(stored.body().getBytes(StandardCharsets.UTF_8));
        }
    }

    private void count(Claim claim) {
        String outcome = switch (claim) {
            case Started ignored -> "started";
            case Replay ignored -> "replayed";
            case InProgress ignored -> "in-progress";
            case Mismatch ignored -> "mismatch";
        };
        Counter.builder("cercle.idempotency.requests").tag("outcome", outcome)
                .description("Requests with an Idempotency-Key, by what became of their key")
                .register(meters).increment();
    }
}
