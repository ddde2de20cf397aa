package io.socketway.core;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Evaluates {@code IdentitySource} entries of a REQUEST authorizer against an upgrade request:
 * {@code route.request.header.X}, {@code route.request.querystring.X}, {@code stageVariables.X} and {@code context.X}.
 * Stateless.
 */
final class IdentitySources {
    private IdentitySources() {}

    /** Returns true when every source is present and non-empty (otherwise AWS answers 401 without calling). */
    static boolean allPresent(List<String> sources, HandshakeRequest handshake, Map<String, String> stageVariables,
            Connection connection, String apiId) {
        for (String source : sources) {
            String value = value(source, handshake, stageVariables, connection, apiId);
            if (value == null || value.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    static @Nullable String value(String source, HandshakeRequest handshake, Map<String, String> stageVariables,
            Connection connection, String apiId) {
        if (source.startsWith("route.request.header.")) {
            return handshake.header(source.substring("route.request.header.".length()));
        }
        if (source.startsWith("route.request.querystring.")) {
            List<String> values = handshake.query().get(source.substring("route.request.querystring.".length()));
            return values == null || values.isEmpty() ? null : values.get(values.size() - 1);
        }
        if (source.startsWith("stageVariables.")) {
            return stageVariables.get(source.substring("stageVariables.".length()));
        }
        if (source.startsWith("context.")) {
            return switch (source.substring("context.".length())) {
                case "connectionId" -> connection.id();
                case "stage" -> connection.stage();
                case "domainName" -> connection.domainName();
                case "apiId" -> apiId;
                case "routeKey" -> "$connect";
                case "eventType" -> "CONNECT";
                case "identity.sourceIp" -> connection.sourceIp();
                case "identity.userAgent" -> connection.userAgent();
                default -> null;
            };
        }
        return null;
    }
}
