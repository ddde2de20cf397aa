package io.socketway.template;

import io.socketway.api.AuthorizationType;
import io.socketway.api.AuthorizerDefinition;
import io.socketway.api.IntegrationDefinition;
import io.socketway.api.RouteDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the served API's {@code AWS::ApiGatewayV2::Route} and {@code RouteResponse} resources. A route is two-way when
 * its {@code RouteResponseSelectionExpression} is {@code $default} and it has a {@code $default} route response.
 */
final class RouteReader {
    private static final Set<String> PREDEFINED = Set.of("$connect", "$disconnect", "$default");
    private static final String ROUTE_KEY = "a route key: $connect, $disconnect, $default, or a custom key that does"
            + " not start with $";
    private static final String AUTH_TYPES = "NONE, AWS_IAM, CUSTOM or JWT";
    private static final Set<String> USED = Set.of("ApiId", "RouteKey", "Target", "RouteResponseSelectionExpression",
            "AuthorizationType", "AuthorizerId", "OperationName");
    private static final Set<String> RESPONSE_USED = Set.of("ApiId", "RouteId", "RouteResponseKey");

    private final LoadContext context;
    private final ServedApi api;
    private final Map<String, IntegrationDefinition> integrations;
    private final Map<String, AuthorizerDefinition> authorizers;

    private RouteReader(LoadContext context, ServedApi api, Map<String, IntegrationDefinition> integrations,
            Map<String, AuthorizerDefinition> authorizers) {
        this.context = context;
        this.api = api;
        this.integrations = integrations;
        this.authorizers = authorizers;
    }

    /** Returns the routes by route key, in file order. */
    static Map<String, RouteDefinition> read(LoadContext context, ServedApi api,
            Map<String, IntegrationDefinition> integrations, Map<String, AuthorizerDefinition> authorizers) {
        RouteReader reader = new RouteReader(context, api, integrations, authorizers);
        List<Resource> routes = reader.served(ResourceTypes.ROUTE);
        Set<String> withDefaultResponse = reader.routesWithDefaultResponse(routes);
        Map<String, RouteDefinition> result = new LinkedHashMap<>();
        Map<String, String> declaredBy = new HashMap<>();
        for (Resource route : routes) {
            RouteDefinition definition = reader.route(route, withDefaultResponse.contains(route.logicalId()));
            String earlier = declaredBy.putIfAbsent(definition.routeKey(), route.logicalId());
            if (earlier != null) {
                Props props = context.props(route);
                throw context.source().error(props.value("RouteKey").orElseThrow(), props.path("RouteKey"),
                        "a route key used once; route " + earlier + " already has it");
            }
            result.put(definition.routeKey(), definition);
        }
        return result;
    }

    private List<Resource> served(String type) {
        List<Resource> served = new ArrayList<>();
        for (Resource resource : context.active(type)) {
            if (api.serves(context, resource, context.props(resource))) {
                served.add(resource);
            }
        }
        return served;
    }

    private Set<String> routesWithDefaultResponse(List<Resource> routes) {
        Set<String> result = new HashSet<>();
        String expected = "!Ref of an AWS::ApiGatewayV2::Route of this API: "
                + String.join(", ", routes.stream().map(Resource::logicalId).toList());
        for (Resource response : served(ResourceTypes.ROUTE_RESPONSE)) {
            Props props = context.props(response);
            context.ignored().unusedProperties(props, response.type(), RESPONSE_USED);
            String id = props.requiredString("RouteId", expected);
            Resource route = context.references().findById(id, routes).orElseThrow(() -> context.source().error(
                    props.value("RouteId").orElseThrow(), props.path("RouteId"), expected));
            String key = props.requiredString("RouteResponseKey", "$default");
            if (!key.equals("$default")) {
                throw context.source().error(props.value("RouteResponseKey").orElseThrow(),
                        props.path("RouteResponseKey"), "$default (the only route response key of WebSocket APIs)");
            }
            result.add(route.logicalId());
        }
        return result;
    }

    private RouteDefinition route(Resource route, boolean hasDefaultResponse) {
        Props props = context.props(route);
        context.ignored().unusedProperties(props, route.type(), USED);
        String routeKey = props.requiredString("RouteKey", ROUTE_KEY);
        if (routeKey.isEmpty() || routeKey.startsWith("$") && !PREDEFINED.contains(routeKey)) {
            throw context.source().error(props.value("RouteKey").orElseThrow(), props.path("RouteKey"), ROUTE_KEY);
        }
        Optional<String> selection = props.string("RouteResponseSelectionExpression", "$default");
        selection.filter(value -> !value.equals("$default")).ifPresent(value -> {
            throw context.source().error(props.value("RouteResponseSelectionExpression").orElseThrow(),
                    props.path("RouteResponseSelectionExpression"), "$default (the only one WebSocket APIs support)");
        });
        boolean twoWay = selection.isPresent() && hasDefaultResponse;
        AuthorizationType type = authorizationType(props);
        if (!routeKey.equals("$connect") && type != AuthorizationType.NONE) {
            context.ignored().add(props.path("AuthorizationType"),
                    "WebSocket APIs authorize on $connect only; the result covers the whole connection");
            return new RouteDefinition(route.logicalId(), routeKey, target(props), twoWay);
        }
        return new RouteDefinition(route.logicalId(), routeKey, target(props), twoWay, type, authorizer(props, type));
    }

    private AuthorizationType authorizationType(Props props) {
        String type = props.string("AuthorizationType", AUTH_TYPES).orElse("NONE");
        try {
            return AuthorizationType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw context.source().error(props.value("AuthorizationType").orElseThrow(),
                    props.path("AuthorizationType"), AUTH_TYPES);
        }
    }

    private Optional<String> authorizer(Props props, AuthorizationType type) {
        boolean needsOne = type == AuthorizationType.CUSTOM || type == AuthorizationType.JWT;
        String expected = "!Ref of an AWS::ApiGatewayV2::Authorizer of this API with AuthorizerType "
                + (type == AuthorizationType.JWT ? "JWT" : "REQUEST") + (authorizers.isEmpty() ? " (it has none)"
                        : ": " + String.join(", ", authorizers.keySet()));
        Optional<String> id = props.string("AuthorizerId", expected);
        if (!needsOne) {
            id.ifPresent(v -> context.ignored().add(props.path("AuthorizerId"),
                    "AuthorizerId applies with AuthorizationType CUSTOM or JWT only"));
            return Optional.empty();
        }
        List<Resource> candidates = authorizers.values().stream()
                .filter(a -> a.type() == type)
                .map(a -> context.template().resources().find(a.logicalId()).orElseThrow()).toList();
        return Optional.of(id.flatMap(value -> context.references().findById(value, candidates))
                .map(Resource::logicalId)
                .orElseThrow(() -> id.isEmpty()
                        ? context.source().missing(props.line(), props.path("AuthorizerId"), expected)
                        : context.source().error(props.value("AuthorizerId").orElseThrow(),
                                props.path("AuthorizerId"), expected)));
    }

    private Optional<IntegrationDefinition> target(Props props) {
        String expected = "integrations/{IntegrationId} naming an AWS::ApiGatewayV2::Integration of this API"
                + (integrations.isEmpty() ? " (it has none)" : ": " + String.join(", ", integrations.keySet()));
        Optional<String> target = props.string("Target", expected);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        List<Resource> candidates = integrations.keySet().stream()
                .map(id -> context.template().resources().find(id).orElseThrow()).toList();
        return Optional.of(target.get())
                .filter(text -> text.startsWith("integrations/"))
                .flatMap(text -> context.references().findById(text.substring("integrations/".length()), candidates))
                .map(resource -> integrations.get(resource.logicalId()))
                .map(Optional::of)
                .orElseThrow(() -> context.source().error(props.value("Target").orElseThrow(), props.path("Target"),
                        expected));
    }
}
