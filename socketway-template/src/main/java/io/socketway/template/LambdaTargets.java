package io.socketway.template;

import io.socketway.api.StageDefinition;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Traces a Lambda URI ({@code IntegrationUri}, {@code AuthorizerUri}) back to the template function it names, with
 * {@code ${stageVariables.x}} taken from the first stage. One per load.
 */
final class LambdaTargets {
    private final LoadContext context;
    private final StageDefinition firstStage;
    private final Map<String, String> functionsByName = new LinkedHashMap<>();

    LambdaTargets(LoadContext context, StageDefinition firstStage) {
        this.context = context;
        this.firstStage = firstStage;
        for (Resource resource : context.active()) {
            if (resource.isFunction()) {
                functionsByName.put(context.references().functionName(resource), resource.logicalId());
            }
        }
    }

    /**
     * Returns the URL to call the function with this logical id at, when the options send it elsewhere
     * ({@code --function-url}, or {@code --lambda-endpoint} for a function in another language than Java).
     */
    Optional<String> url(String logicalId) {
        Resource function = context.template().resources().find(logicalId).orElseThrow();
        return context.template().options().urlOf(logicalId, FunctionReader.isJava(context, function));
    }

    /** Returns the logical id of the function {@code uri} names, or fails naming {@code property}. */
    String function(Props props, String property, String uri, String expected) {
        Tree value = props.value(property).orElseThrow();
        String path = props.path(property);
        LambdaUri.undefinedStageVariable(uri, firstStage.variables()).ifPresent(name -> {
            throw context.source().error(value, path, "stage variables defined on stage " + firstStage.name()
                    + (firstStage.variables().isEmpty() ? " (it has none)"
                            : ": " + String.join(", ", firstStage.variables().keySet())));
        });
        String resolved = LambdaUri.withStageVariables(uri, firstStage.variables());
        Optional<String> name = LambdaUri.functionName(resolved);
        if (name.isEmpty() && functionsByName.containsKey(resolved)) {
            return functionsByName.get(resolved);
        }
        if (name.isEmpty()) {
            throw context.source().error(value, path, expected);
        }
        String function = functionsByName.get(name.get());
        if (function == null) {
            throw context.source().error(value.line(), path, Tree.Scalar.quote(LambdaUri.functionArn(resolved)),
                    "the ARN of a function in this template"
                            + (functionsByName.isEmpty() ? " (it has none)" : ": " + String.join(", ",
                                    functionsByName.keySet().stream().map(n -> context.references().functionArn(n))
                                            .toList())));
        }
        return function;
    }
}
