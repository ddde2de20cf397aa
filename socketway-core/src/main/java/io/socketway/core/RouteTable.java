package io.socketway.core;

import io.socketway.api.ApiDefinition;
import io.socketway.api.RouteDefinition;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The API's routes with their integrations, and the compiled route selection expression. Built once at start-up;
 * immutable and thread-safe.
 */
final class RouteTable {
    static final String CONNECT = "$connect";
    static final String DISCONNECT = "$disconnect";
    static final String DEFAULT = "$default";

    private final SelectionExpression selection;
    private final Map<String, Route> routes;
    private final @Nullable Route defaultRoute;
    private final @Nullable ConnectAuthorizer connectAuthorizer;

    RouteTable(ApiDefinition api, Map<String, Route> routes, @Nullable ConnectAuthorizer connectAuthorizer) {
        this.selection = SelectionExpression.compile(api.routeSelectionExpression());
        this.routes = Map.copyOf(routes);
        this.defaultRoute = routes.get(DEFAULT);
        this.connectAuthorizer = connectAuthorizer;
    }

    /** Returns the authorizer of the {@code $connect} route, or null when connections are not authorized. */
    @Nullable ConnectAuthorizer connectAuthorizer() {
        return connectAuthorizer;
    }

    /** Returns a lifecycle route ({@code $connect} or {@code $disconnect}), or null. */
    @Nullable Route lifecycle(String key) {
        return routes.get(key);
    }

    /**
     * Selects the route for a message (spec §1.3): the evaluated key if a custom route has it, otherwise
     * {@code $default}; null when nothing matches and there is no {@code $default}.
     */
    @Nullable Route select(String message) {
        return route(selection.evaluate(message).orElse(DEFAULT));
    }

    /**
     * Selects the route for a binary message: {@code $default} unless {@code envelope} says how to read it; with
     * {@link BinaryEnvelope#PROTOBUF}, as {@link #select(String)} with the expression evaluated against the envelope
     * (a malformed envelope selects {@code $default}).
     */
    @Nullable Route selectBinary(byte[] message, BinaryEnvelope envelope) {
        return switch (envelope) {
            case NONE -> defaultRoute;
            case PROTOBUF -> route(selection.evaluateEnvelope(message).orElse(DEFAULT));
        };
    }

    private @Nullable Route route(String key) {
        if (key.equals(CONNECT) || key.equals(DISCONNECT)) {
            return defaultRoute;
        }
        Route route = routes.get(key);
        return route != null ? route : defaultRoute;
    }

    /**
     * A route ready to run.
     *
     * @param definition the template's route
     * @param integration what it calls, or null for a route without a target
     */
    record Route(RouteDefinition definition, @Nullable Integration integration) {
        String key() {
            return definition.routeKey();
        }
    }
}
