package io.socketway.api.spi;

import static io.socketway.api.Checks.notNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What one request (a connect, a message or a disconnect) was and how it ended: the values of AWS's access-log
 * {@code $context} variables, typed. A {@link RequestListener} gets one entry per request, once it has ended.
 *
 * <p>Immutable. {@code null} means the variable does not apply to this request (AWS logs {@code -}).
 *
 * @param eventType {@code CONNECT}, {@code MESSAGE} or {@code DISCONNECT}
 * @param requestId the request id the integration saw ({@code requestId} and {@code extendedRequestId}); also in
 *     error frames sent to the client and, as MDC {@code requestId}, in the application log lines of the request
 * @param messageId the message id, MESSAGE requests that reached an integration only
 * @param connectionId the connection id; null for a handshake refused before a connection id was assigned
 * @param routeKey the selected route key; null when no route matched or the message was throttled before selection
 * @param stage the stage
 * @param apiId the API id
 * @param domainName the {@code Host} the client connected to
 * @param requestTimeEpoch when the request arrived, epoch milliseconds
 * @param connectedAt when the connection was made, epoch milliseconds (the handshake's arrival for CONNECT)
 * @param sourceIp the client's address
 * @param userAgent the client's {@code User-Agent}
 * @param identity further identity fields an authorizer added (IAM: {@code accessKey}, {@code user}, ...)
 * @param authorizer the authorizer's result ({@code principalId}, {@code integrationLatency} and its context)
 * @param status the status API Gateway reports for the request: 200, or the error status (403 no route, 429
 *     throttled, 500 integration failure, the {@code $connect} rejection's status, ...)
 * @param error the gateway error, when the request failed
 * @param integration the integration call, when one ran
 * @param authorize the {@code $connect} authorizer call, when one ran
 * @param disconnect the close code and reason, DISCONNECT only
 */
public record AccessLogEntry(
        EventType eventType,
        String requestId,
        @Nullable String messageId,
        @Nullable String connectionId,
        @Nullable String routeKey,
        String stage,
        String apiId,
        String domainName,
        long requestTimeEpoch,
        long connectedAt,
        String sourceIp,
        @Nullable String userAgent,
        Map<String, String> identity,
        Map<String, Object> authorizer,
        int status,
        @Nullable Error error,
        @Nullable Integration integration,
        @Nullable Authorize authorize,
        @Nullable Disconnect disconnect) {

    public AccessLogEntry {
        notNull(eventType, "eventType");
        notNull(requestId, "requestId");
        notNull(stage, "stage");
        notNull(apiId, "apiId");
        notNull(domainName, "domainName");
        notNull(sourceIp, "sourceIp");
        identity = Map.copyOf(identity);
        authorizer = Map.copyOf(authorizer);
    }

    /** The three kinds of WebSocket request. */
    public enum EventType {
        /** A handshake and its {@code $connect}. */
        CONNECT,
        /** A data message from the client. */
        MESSAGE,
        /** The end of a connection and its {@code $disconnect}. */
        DISCONNECT
    }

    /**
     * A gateway error ({@code $context.error.*}).
     *
     * @param message what the client was told, for example {@code Forbidden} or {@code Internal server error}
     * @param responseType AWS's gateway response type, for example {@code THROTTLED} or {@code INTEGRATION_FAILURE}
     */
    public record Error(String message, String responseType) {
        public Error {
            notNull(message, "message");
            notNull(responseType, "responseType");
        }
    }

    /**
     * An integration call ({@code $context.integration.*}).
     *
     * @param status the status of the call itself (for Lambda, the Lambda service's: 200 once the function ran, 429
     *     throttled), or -1 when the call did not complete (timeout, backend unreachable)
     * @param integrationStatus the status the integration answered with (a Lambda proxy response's
     *     {@code statusCode}, an HTTP backend's status), or -1 when it did not answer
     * @param latencyMillis how long the call took, or -1 when AWS does not measure it (MOCK)
     * @param error the integration's error message, when it failed
     */
    public record Integration(int status, int integrationStatus, long latencyMillis, @Nullable String error) {}

    /**
     * The {@code $connect} authorizer call ({@code $context.authorize.*}).
     *
     * @param status 200 when it allowed the connection, else the status the client got (401, 403, 500)
     * @param latencyMillis how long authorization took
     * @param error why it denied or failed, when it did
     */
    public record Authorize(int status, long latencyMillis, @Nullable String error) {}

    /**
     * How the connection closed ({@code requestContext.disconnectStatusCode} and {@code disconnectReason}).
     *
     * @param statusCode the close code
     * @param reason the close reason, possibly empty
     */
    public record Disconnect(int statusCode, String reason) {
        public Disconnect {
            notNull(reason, "reason");
        }
    }
}
