package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.util.Optional;

/**
 * A route: messages whose selection expression evaluates to {@link #routeKey()} go to its integration.
 *
 * @param logicalId the template's logical id of the {@code AWS::ApiGatewayV2::Route}
 * @param routeKey {@code $connect}, {@code $disconnect}, {@code $default} or a custom key
 * @param integration what the route calls; empty for a route without a target
 * @param twoWay true when the route has {@code RouteResponseSelectionExpression: $default} and a {@code $default}
 *     route response, so the integration's {@code body} is sent back to the client
 * @param authorizationType how connections are authorized; only meaningful on {@code $connect}
 * @param authorizerId the logical id of the authorizer, for {@code CUSTOM} and {@code JWT}
 */
public record RouteDefinition(String logicalId, String routeKey, Optional<IntegrationDefinition> integration,
        boolean twoWay, AuthorizationType authorizationType, Optional<String> authorizerId) {
    public RouteDefinition {
        notNull(logicalId, "logicalId");
        notNull(routeKey, "routeKey");
        notNull(integration, "integration");
        notNull(authorizationType, "authorizationType");
        notNull(authorizerId, "authorizerId");
        checkArgument(authorizerId.isPresent()
                        == (authorizationType == AuthorizationType.CUSTOM || authorizationType == AuthorizationType.JWT),
                "authorizerId: %s (expected: present exactly for CUSTOM and JWT, not %s)", authorizerId,
                authorizationType);
    }

    /** Creates a route without authorization. */
    public RouteDefinition(String logicalId, String routeKey, Optional<IntegrationDefinition> integration,
            boolean twoWay) {
        this(logicalId, routeKey, integration, twoWay, AuthorizationType.NONE, Optional.empty());
    }
}
