package io.cercle.platform.idempotency;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/**
 * Every {@link Idempotent} operation documents its {@code Idempotency-Key} header, the 409 and 422 problems it may
 * answer because of it, and the header that marks a replayed answer; the problem schema of those responses is
 * added by the platform's problem responses like any other.
 */
class IdempotencyOpenApi implements GlobalOperationCustomizer {

    private static final String IN_PROGRESS = "A request with the same Idempotency-Key is still being processed; "
            + "retry after Retry-After seconds to get its answer";

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        Idempotent idempotent = handlerMethod.getMethodAnnotation(Idempotent.class);
        if (idempotent == null) {
            return operation;
        }
        operation.addParametersItem(new HeaderParameter().name(Idempotent.HEADER).required(idempotent.required())
                .description("Makes this request safe to retry: a repeat by the same caller with the same key and "
                        + "body gets the first request's answer (with " + Idempotent.REPLAYED_HEADER + ": true) "
                        + "instead of running again. A failed request does not use its key up. Keys are kept "
                        + "for a day (cercle.idempotency.retention).")
                .schema(new StringSchema().minLength(1).maxLength(128)
                        .pattern("^" + IdempotencyInterceptor.SAFE_KEY.pattern() + "$")
                        .example("3f1c9c1e-8a4e-4bde-9a53-2b0d5f6f7a10")));
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.forEach((code, response) -> {
            if (code.startsWith("2")) {
                response.addHeaderObject(Idempotent.REPLAYED_HEADER, new Header().schema(new StringSchema())
                        .description("true when this is the stored answer of an earlier request with the same key"));
            }
        });
        ApiResponse conflict = responses.get("409");
        if (conflict == null) {
            responses.addApiResponse("409", new ApiResponse().description(IN_PROGRESS));
        } else {
            conflict.setDescription(conflict.getDescription() + "; or: " + IN_PROGRESS);
        }
        responses.computeIfAbsent("422", code -> new ApiResponse()
                .description("This Idempotency-Key was already used with a different request body"));
        return operation;
    }
}
