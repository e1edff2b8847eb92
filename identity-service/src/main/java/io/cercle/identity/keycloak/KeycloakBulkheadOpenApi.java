package io.cercle.identity.keycloak;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springframework.web.method.HandlerMethod;

/** Every {@link CallsKeycloak} operation documents the 429 its tenant gets when over its share. */
class KeycloakBulkheadOpenApi implements GlobalOperationCustomizer {

    @Override
    public Operation customize(Operation operation, HandlerMethod handlerMethod) {
        if (!handlerMethod.hasMethodAnnotation(CallsKeycloak.class)) {
            return operation;
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        operation.setResponses(responses);
        responses.computeIfAbsent("429", code -> new ApiResponse()
                .description("Your organization has too many account operations running at once; retry after "
                        + "Retry-After seconds")
                .addHeaderObject("Retry-After", new Header().schema(new IntegerSchema())
                        .description("Seconds to wait before retrying")));
        return operation;
    }
}
