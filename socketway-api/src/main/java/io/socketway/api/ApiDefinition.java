package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One WebSocket API as a template defines it: its route selection expression, stages, routes and the functions those
 * routes call. Immutable; built by the template loader or by hand for tests and embedding.
 *
 * @param source the template file it came from, or an empty path when built in code
 * @param logicalId the logical id of the {@code AWS::ApiGatewayV2::Api} resource
 * @param name the API's {@code Name}
 * @param apiId the 10-character lowercase id used in events ({@code requestContext.apiId})
 * @param routeSelectionExpression for example {@code $request.body.action}
 * @param stages at least one stage; the WebSocket URL is {@code /{stage}}
 * @param routes routes by route key ({@code $connect}, {@code $default}, {@code sendmessage}, ...)
 * @param functions functions by logical id; a route's integration refers to one of them
 * @param region the {@code AWS::Region} pseudo parameter used while resolving the template
 * @param accountId the {@code AWS::AccountId} pseudo parameter
 * @param stackName the {@code AWS::StackName} pseudo parameter
 * @param ignored resources and properties the gateway does not run, each listed once
 * @param outputs resolved {@code Outputs}, in template order, with AWS endpoint URLs left as AWS would build them
 * @param authorizers the API's authorizers by logical id
 * @param alarms the template's {@code AWS::CloudWatch::Alarm} resources on this API's metrics, by logical id
 */
public record ApiDefinition(
        Path source,
        String logicalId,
        String name,
        String apiId,
        String routeSelectionExpression,
        List<StageDefinition> stages,
        Map<String, RouteDefinition> routes,
        Map<String, FunctionDefinition> functions,
        String region,
        String accountId,
        String stackName,
        List<IgnoredItem> ignored,
        Map<String, String> outputs,
        Map<String, AuthorizerDefinition> authorizers,
        Map<String, AlarmDefinition> alarms) {

    public ApiDefinition {
        notNull(source, "source");
        notNull(logicalId, "logicalId");
        notNull(name, "name");
        checkArgument(apiId.matches("[a-z0-9]{10}"), "apiId: %s (expected: 10 lowercase letters or digits)", apiId);
        notNull(routeSelectionExpression, "routeSelectionExpression");
        checkArgument(!stages.isEmpty(), "stages: [] (expected: at least one stage)");
        stages = List.copyOf(stages);
        routes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(routes));
        functions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(functions));
        notNull(region, "region");
        notNull(accountId, "accountId");
        notNull(stackName, "stackName");
        ignored = List.copyOf(ignored);
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        authorizers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(authorizers));
        alarms = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(alarms));
        for (RouteDefinition route : routes.values()) {
            String id = route.authorizerId().orElse(null);
            checkArgument(id == null || authorizers.containsKey(id),
                    "routes.%s.authorizerId: %s (expected: one of the API's authorizers %s)", route.routeKey(), id,
                    authorizers.keySet());
        }
    }

    /** Creates an API without alarms. */
    public ApiDefinition(Path source, String logicalId, String name, String apiId, String routeSelectionExpression,
            List<StageDefinition> stages, Map<String, RouteDefinition> routes, Map<String, FunctionDefinition> functions,
            String region, String accountId, String stackName, List<IgnoredItem> ignored, Map<String, String> outputs,
            Map<String, AuthorizerDefinition> authorizers) {
        this(source, logicalId, name, apiId, routeSelectionExpression, stages, routes, functions, region, accountId,
                stackName, ignored, outputs, authorizers, Map.of());
    }

    /** Creates an API without authorizers. */
    public ApiDefinition(Path source, String logicalId, String name, String apiId, String routeSelectionExpression,
            List<StageDefinition> stages, Map<String, RouteDefinition> routes, Map<String, FunctionDefinition> functions,
            String region, String accountId, String stackName, List<IgnoredItem> ignored, Map<String, String> outputs) {
        this(source, logicalId, name, apiId, routeSelectionExpression, stages, routes, functions, region, accountId,
                stackName, ignored, outputs, Map.of(), Map.of());
    }

    /** Returns the authorizer of the {@code $connect} route, if it has one. */
    public Optional<AuthorizerDefinition> connectAuthorizer() {
        return route("$connect").flatMap(RouteDefinition::authorizerId).map(authorizers::get);
    }

    /** Returns the stage with this name, if the API has one. */
    public Optional<StageDefinition> stage(String stageName) {
        return stages.stream().filter(s -> s.name().equals(stageName)).findFirst();
    }

    /** Returns the route for this exact route key, if any. */
    public Optional<RouteDefinition> route(String routeKey) {
        return Optional.ofNullable(routes.get(routeKey));
    }

    /** Returns the AWS host name of this API, {@code {apiId}.execute-api.{region}.amazonaws.com}. */
    public String awsDomainName() {
        return apiId + ".execute-api." + region + "." + Partitions.urlSuffix(region);
    }
}
