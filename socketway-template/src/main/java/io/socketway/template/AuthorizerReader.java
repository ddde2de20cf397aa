package io.socketway.template;

import io.socketway.api.AuthorizationType;
import io.socketway.api.AuthorizerDefinition;
import io.socketway.api.StageDefinition;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the served API's {@code AWS::ApiGatewayV2::Authorizer} resources: {@code REQUEST} authorizers backed by a
 * function of the template or a function over HTTP, and {@code JWT} authorizers (which AWS offers for HTTP APIs only
 * and Socketway for WebSockets too).
 */
final class AuthorizerReader {
    private static final String TYPES = "REQUEST or JWT";
    private static final String REQUEST_SOURCES = "identity sources such as route.request.header.Auth,"
            + " route.request.querystring.token, stageVariables.x or context.x";
    private static final String JWT_SOURCES = "one identity source such as $request.header.Authorization,"
            + " $request.querystring.token or $request.header.Sec-WebSocket-Protocol";
    private static final Set<String> USED = Set.of("ApiId", "Name", "AuthorizerType", "AuthorizerUri",
            "IdentitySource", "JwtConfiguration", "AuthorizerCredentialsArn");

    private AuthorizerReader() {}

    /** Returns the served API's authorizers by logical id, in file order. */
    static Map<String, AuthorizerDefinition> read(LoadContext context, ServedApi api, StageDefinition firstStage) {
        LambdaTargets targets = new LambdaTargets(context, firstStage);
        Map<String, AuthorizerDefinition> result = new LinkedHashMap<>();
        for (Resource resource : context.active(ResourceTypes.AUTHORIZER)) {
            Props props = context.props(resource);
            if (api.serves(context, resource, props)) {
                context.ignored().unusedProperties(props, resource.type(), USED);
                result.put(resource.logicalId(), authorizer(context, targets, resource, props));
            }
        }
        return result;
    }

    private static AuthorizerDefinition authorizer(LoadContext context, LambdaTargets targets, Resource resource,
            Props props) {
        String name = props.string("Name", "a name").orElse(resource.logicalId());
        String type = props.requiredString("AuthorizerType", TYPES);
        return switch (type) {
            case "REQUEST" -> request(context, targets, resource, props, name);
            case "JWT" -> jwt(context, resource, props, name);
            default -> throw context.source().error(props.value("AuthorizerType").orElseThrow(),
                    props.path("AuthorizerType"), TYPES);
        };
    }

    private static AuthorizerDefinition request(LoadContext context, LambdaTargets targets, Resource resource,
            Props props, String name) {
        List<String> sources = props.stringList("IdentitySource", REQUEST_SOURCES);
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i);
            if (!source.matches("(route\\.request\\.(header|querystring)|stageVariables|context)\\.[^.\\s].*")) {
                throw context.source().error(props.value("IdentitySource").orElseThrow().line(),
                        props.path("IdentitySource") + "[" + i + "]", Tree.Scalar.quote(source), REQUEST_SOURCES);
            }
        }
        String uri = props.requiredString("AuthorizerUri", IntegrationReader.LAMBDA_FORMS);
        Optional<String> function = LambdaUri.isHttp(uri) ? Optional.empty()
                : Optional.of(targets.function(props, "AuthorizerUri", uri, IntegrationReader.LAMBDA_FORMS));
        Optional<String> elsewhere = function.flatMap(targets::url);
        if (elsewhere.isPresent()) {
            uri = elsewhere.get();
            function = Optional.empty();
        }
        props.value("JwtConfiguration").ifPresent(v -> context.ignored().add(props.path("JwtConfiguration"),
                "JwtConfiguration applies to JWT authorizers only"));
        return new AuthorizerDefinition(resource.logicalId(), name, AuthorizationType.CUSTOM, sources, uri, function,
                Optional.empty(), List.of());
    }

    private static AuthorizerDefinition jwt(LoadContext context, Resource resource, Props props, String name) {
        List<String> sources = props.stringList("IdentitySource", JWT_SOURCES);
        if (sources.size() != 1 || !sources.get(0).matches("\\$request\\.(header|querystring)\\.[^.\\s]+")) {
            throw context.source().error(props.value("IdentitySource").map(Tree::line).orElse(props.line()),
                    props.path("IdentitySource"), String.valueOf(sources), JWT_SOURCES);
        }
        Props jwt = props.mapping("JwtConfiguration", "a mapping with Issuer and Audience")
                .orElseThrow(() -> context.source().missing(props.line(), props.path("JwtConfiguration"),
                        "a mapping with Issuer and Audience"));
        String issuer = jwt.requiredString("Issuer", "the token issuer URL (the iss claim)");
        List<String> audiences = jwt.stringList("Audience", "the accepted audiences (aud claim values)");
        if (audiences.isEmpty()) {
            throw context.source().missing(jwt.line(), jwt.path("Audience"), "at least one audience");
        }
        return new AuthorizerDefinition(resource.logicalId(), name, AuthorizationType.JWT, sources, "",
                Optional.empty(), Optional.of(issuer), audiences);
    }
}
