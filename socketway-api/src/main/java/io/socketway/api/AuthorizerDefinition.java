package io.socketway.api;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.util.List;
import java.util.Optional;

/**
 * An {@code AWS::ApiGatewayV2::Authorizer}.
 *
 * @param logicalId the resource's logical id
 * @param name its {@code Name}
 * @param type {@link AuthorizationType#CUSTOM} for {@code AuthorizerType: REQUEST}, or {@link AuthorizationType#JWT}
 * @param identitySource the {@code IdentitySource} entries, e.g. {@code route.request.header.Auth} (REQUEST) or
 *     {@code $request.querystring.token} (JWT)
 * @param uri the resolved {@code AuthorizerUri} (REQUEST); empty for JWT
 * @param functionLogicalId the template function the URI names (REQUEST, in-process); empty for http(s) URIs
 * @param issuer {@code JwtConfiguration.Issuer} (JWT)
 * @param audiences {@code JwtConfiguration.Audience} (JWT)
 */
public record AuthorizerDefinition(
        String logicalId,
        String name,
        AuthorizationType type,
        List<String> identitySource,
        String uri,
        Optional<String> functionLogicalId,
        Optional<String> issuer,
        List<String> audiences) {

    public AuthorizerDefinition {
        notNull(logicalId, "logicalId");
        notNull(name, "name");
        checkArgument(type == AuthorizationType.CUSTOM || type == AuthorizationType.JWT,
                "type: %s (expected: CUSTOM for REQUEST authorizers, or JWT)", type);
        identitySource = List.copyOf(identitySource);
        notNull(uri, "uri");
        notNull(functionLogicalId, "functionLogicalId");
        notNull(issuer, "issuer");
        audiences = List.copyOf(audiences);
    }

    /** Returns true when the authorizer function is reached over HTTP. */
    public boolean isHttp() {
        return uri.startsWith("http://") || uri.startsWith("https://");
    }
}
