package io.socketway.core;

import io.socketway.api.spi.AccessLogEntry;
import io.socketway.api.spi.AccessLogEntry.EventType;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Collects what happens to one request (a connect, a message or a disconnect) for its {@link AccessLogEntry}. The
 * gateway creates one only when a {@link io.socketway.api.spi.RequestListener} listens; otherwise it uses {@link #OFF},
 * whose methods do nothing, so a node without access logs builds nothing per request.
 *
 * <p>Threading: not thread-safe; confined to the request, handed from thread to thread (event loop, virtual thread,
 * completion callback) only through the happens-before edges of the gateway's executor and futures.
 */
final class RequestLog {
    /** Records nothing. */
    static final RequestLog OFF = new RequestLog(false, EventType.MESSAGE, "", "", 0, "", null, "");

    private final boolean on;
    private final EventType eventType;
    private final String requestId;
    private final String stage;
    private long requestTimeEpoch;
    private final String sourceIp;
    private final @Nullable String userAgent;
    private final String domainName;
    private @Nullable Connection connection;
    private @Nullable String routeKey;
    private @Nullable String messageId;
    private int status = 200;
    private AccessLogEntry.@Nullable Error error;
    private AccessLogEntry.@Nullable Integration integration;
    private AccessLogEntry.@Nullable Authorize authorize;
    private AccessLogEntry.@Nullable Disconnect disconnect;

    private RequestLog(boolean on, EventType eventType, String requestId, String stage, long requestTimeEpoch,
            String sourceIp, @Nullable String userAgent, String domainName) {
        this.on = on;
        this.eventType = eventType;
        this.requestId = requestId;
        this.stage = stage;
        this.requestTimeEpoch = requestTimeEpoch;
        this.sourceIp = sourceIp;
        this.userAgent = userAgent;
        this.domainName = domainName;
    }

    /** Starts the log of a handshake, before it has a connection. */
    static RequestLog handshake(String requestId, long now, HandshakeRequest handshake) {
        return new RequestLog(true, EventType.CONNECT, requestId, handshake.stage(), now, handshake.sourceIp(),
                handshake.header("User-Agent"), handshake.domainName());
    }

    /** Starts the log of a request of an existing connection. */
    static RequestLog of(EventType type, String requestId, long now, Connection c) {
        RequestLog log = new RequestLog(true, type, requestId, c.stage(), now, c.sourceIp(), c.userAgent(),
                c.domainName());
        log.connection = c;
        return log;
    }

    /** Returns true when this log records (false for {@link #OFF}). */
    boolean on() {
        return on;
    }

    /** Sets the connection (ids, authorizer result) once the handshake has one. */
    RequestLog connection(Connection c) {
        if (on) {
            connection = c;
        }
        return this;
    }

    RequestLog route(String key) {
        if (on) {
            routeKey = key;
        }
        return this;
    }

    void messageId(String id) {
        if (on) {
            messageId = id;
        }
    }

    /** Sets the request time to the one the integration's event carries. */
    void requestTime(long epochMillis) {
        if (on) {
            requestTimeEpoch = epochMillis;
        }
    }

    /** Records the status the client got and, for a gateway error, its message and AWS response type. */
    void status(int value, @Nullable String message, @Nullable String responseType) {
        if (on) {
            status = value;
            error = message == null || responseType == null ? null : new AccessLogEntry.Error(message, responseType);
        }
    }

    /** Records the status the client got, keeping the gateway error recorded before (if any). */
    void answered(int value) {
        if (on) {
            status = value;
        }
    }

    /** Records an integration call; -1 for what did not happen. */
    void integration(int callStatus, int integrationStatus, long latencyNanos, @Nullable String failure) {
        if (on) {
            integration = new AccessLogEntry.Integration(callStatus, integrationStatus,
                    latencyNanos < 0 ? -1 : latencyNanos / 1_000_000, failure);
        }
    }

    void authorize(int authorizeStatus, long latencyNanos, @Nullable String failure) {
        if (on) {
            authorize = new AccessLogEntry.Authorize(authorizeStatus, latencyNanos / 1_000_000, failure);
        }
    }

    void disconnect(CloseReason reason) {
        if (on) {
            disconnect = new AccessLogEntry.Disconnect(reason.code(), reason.reason());
        }
    }

    /** Returns the entry for an API with id {@code apiId}. */
    AccessLogEntry entry(String apiId) {
        Connection c = connection;
        return new AccessLogEntry(eventType, requestId, messageId, c == null ? null : c.id(), routeKey, stage, apiId,
                domainName, requestTimeEpoch, c == null ? requestTimeEpoch : c.connectedAt(), sourceIp, userAgent,
                c == null ? Map.of() : c.identity(), c == null ? Map.of() : c.authorizer(), status, error,
                integration, authorize, disconnect);
    }
}
