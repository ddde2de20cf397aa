package io.socketway.core;

import io.socketway.api.ApiDefinition;
import io.socketway.api.AuthorizationType;
import io.socketway.api.FunctionDefinition;
import io.socketway.api.IntegrationType;
import io.socketway.api.RouteDefinition;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which Lambda function each route invokes, with its {@code MemorySize}, for usage metering: the {@code AWS_PROXY}
 * integration of each route, and the {@code REQUEST} authorizer of {@code $connect}. Functions over HTTP are named by
 * their URL and metered at Lambda's default 128 MB.
 *
 * <p>Immutable and thread-safe; built once per gateway.
 */
final class LambdaBilling {
    /** A function as Lambda would bill it. */
    record Function(String name, int memorySizeMb) {}

    private final Map<String, Function> routes = new HashMap<>();
    private final Optional<Function> authorizer;

    LambdaBilling(ApiDefinition api) {
        for (RouteDefinition r : api.routes().values()) {
            r.integration().filter(i -> i.type() == IntegrationType.AWS_PROXY).ifPresent(i ->
                    routes.put(r.routeKey(), function(api, i.functionLogicalId(), i.uri())));
        }
        boolean custom = api.route(RouteTable.CONNECT)
                .map(r -> r.authorizationType() == AuthorizationType.CUSTOM).orElse(false);
        this.authorizer = custom
                ? api.connectAuthorizer().map(a -> function(api, a.functionLogicalId(), a.uri()))
                : Optional.empty();
    }

    /** Returns the function {@code routeKey}'s integration invokes, if it is a Lambda function. */
    Optional<Function> route(String routeKey) {
        return Optional.ofNullable(routes.get(routeKey));
    }

    /** Returns the {@code REQUEST} authorizer function of {@code $connect}, if any. */
    Optional<Function> authorizer() {
        return authorizer;
    }

    private static Function function(ApiDefinition api, Optional<String> logicalId, String uri) {
        FunctionDefinition f = logicalId.map(api.functions()::get).orElse(null);
        return f == null ? new Function(uri, FunctionDefinition.DEFAULT_MEMORY_MB)
                : new Function(f.functionName(), f.memorySizeMb());
    }
}
