package io.cercle.platform.openapi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springframework.util.AntPathMatcher;

import java.util.List;
import java.util.Map;

/**
 * Every operation of every service documents the errors the platform answers for it, as RFC 9457 problems:
 * 400 where it takes input, 401 where a token is needed, 500 always; and every error response an operation
 * declares itself gets the problem schema. A controller only declares the errors of its own rules (403, 404, 409).
 */
class ProblemResponses implements GlobalOpenApiCustomizer {

    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_REF = "#/components/schemas/Problem";

    private final List<String> publicPaths;
    private final AntPathMatcher paths = new AntPathMatcher();

    ProblemResponses(List<String> publicPaths) {
        this.publicPaths = publicPaths.stream().filter(path -> !path.isBlank()).toList();
    }

    @Override
    public void customise(OpenAPI openApi) {
        openApi.getComponents().addSchemas("Problem", problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            operation.setResponses(responses);
            if (takesInput(operation)) {
                responses.computeIfAbsent("400", code -> response("Invalid request: the problem's errors name each field"));
            }
            if (publicPaths.stream().noneMatch(pattern -> paths.match(pattern, path))) {
                responses.computeIfAbsent("401", code -> response("No valid bearer access token"));
            }
            responses.computeIfAbsent("500", code -> response("Unexpected error; nothing of the server is revealed"));
            responses.forEach((code, response) -> {
                if (code.startsWith("4") || code.startsWith("5")) {
                    response.setContent(new Content().addMediaType(PROBLEM_JSON,
                            new MediaType().schema(new Schema<>().$ref(PROBLEM_REF))));
                }
            });
        }));
    }

    private static boolean takesInput(Operation operation) {
        return operation.getRequestBody() != null
                || (operation.getParameters() != null && !operation.getParameters().isEmpty());
    }

    private static ApiResponse response(String description) {
        return new ApiResponse().description(description);
    }

    private static Schema<?> problemSchema() {
        var fieldError = new ObjectSchema()
                .addProperty("field", new StringSchema().description("The rejected field, e.g. displayName"))
                .addProperty("message", new StringSchema());
        return new ObjectSchema().description("RFC 9457 problem details")
                .properties(Map.of(
                        "type", new StringSchema(),
                        "title", new StringSchema(),
                        "status", new IntegerSchema(),
                        "detail", new StringSchema(),
                        "instance", new StringSchema(),
                        "errors", new ArraySchema().items(fieldError).description("For 400: each rejected field")));
    }
}
