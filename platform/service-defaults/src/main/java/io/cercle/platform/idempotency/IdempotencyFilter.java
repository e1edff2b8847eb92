package io.cercle.platform.idempotency;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.IOException;

/**
 * For requests that carry an {@code Idempotency-Key}: buffers the request body (its fingerprint is checked before
 * the handler runs) and the answer (stored once the handler is done). Runs after Spring Security, so that a
 * request without a valid token is refused before its body is read. Which endpoints honour the key, and the rest
 * of the logic, is {@link IdempotencyInterceptor}'s: only the handler mapping knows the {@link Idempotent} method.
 */
class IdempotencyFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(Idempotent.HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var answer = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(new BufferedRequest(request), answer);
        } finally {
            // After a gateway timeout the caller is gone and this fails; the answer is stored all the same.
            answer.copyBodyToResponse();
        }
    }
}
