package io.socketway.core;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One event on its way to an integration: the Lambda event JSON (written at most once, on first use), the raw message
 * body for HTTP_PROXY, and the values mapping expressions read.
 *
 * @param connection the connection the event belongs to
 * @param eventType {@code CONNECT}, {@code MESSAGE} or {@code DISCONNECT}
 * @param routeKey the selected route key
 * @param requestId the event's request id
 * @param body the message text (MESSAGE), otherwise null
 * @param handshake the upgrade request (CONNECT), otherwise null
 * @param stageVariables the stage's variables
 * @param lambdaEvent the Lambda event, built on first use
 */
record IntegrationEvent(
        Connection connection,
        String eventType,
        String routeKey,
        String requestId,
        @Nullable String body,
        @Nullable HandshakeRequest handshake,
        Map<String, String> stageVariables,
        LambdaEvent lambdaEvent) {

    /** Returns the value of a {@code $context.x} variable, or null when unknown or not set for this event. */
    @Nullable String contextValue(String name) {
        return switch (name) {
            case "connectionId" -> connection.id();
            case "requestId", "extendedRequestId" -> requestId;
            case "routeKey" -> routeKey;
            case "eventType" -> eventType;
            case "stage" -> connection.stage();
            case "domainName" -> connection.domainName();
            case "connectedAt" -> Long.toString(connection.connectedAt());
            case "identity.sourceIp" -> connection.sourceIp();
            case "identity.userAgent" -> connection.userAgent();
            default -> name.startsWith("authorizer.")
                    ? stringOrNull(connection.authorizer().get(name.substring("authorizer.".length())))
                    : fromRequestContext(name);
        };
    }

    /**
     * Reads any other variable from the event's {@code requestContext}, as the function would see it:
     * {@code messageId}, {@code apiId}, {@code requestTime}, {@code requestTimeEpoch}, {@code messageDirection},
     * {@code identity.*}, ...; null when the event has no such scalar.
     */
    private @Nullable String fromRequestContext(String name) {
        Object node = lambdaEvent.view().get("requestContext");
        for (String part : name.split("\\.", -1)) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node instanceof Map<?, ?> || node instanceof java.util.List<?> ? null : stringOrNull(node);
    }

    private static @Nullable String stringOrNull(@Nullable Object value) {
        return value == null ? null : value.toString();
    }
}
