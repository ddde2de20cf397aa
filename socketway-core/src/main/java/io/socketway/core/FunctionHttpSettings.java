package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.time.Duration;

/**
 * How the node calls functions over HTTP (Lambda events to {@code http(s)://} URLs, {@code HTTP_PROXY}, authorizers
 * over HTTP). Immutable; validated on construction.
 *
 * @param client which client sends the requests: {@link Client#NETTY} (default; pooled kept-alive connections on the
 *     transport's event loops, when the transport has them) or {@link Client#JDK} (the JDK {@code HttpClient})
 * @param maxConnectionsPerOrigin kept-alive connections per scheme, host and port, default 128 (Netty client); more
 *     concurrent requests wait for a free connection within their timeout
 * @param maxPendingRequests requests that may wait for a connection per origin, default 4096 (Netty client); one
 *     more fails at once as a backend error
 * @param idleTimeout how long an unused connection stays open, default 30 s (Netty client)
 * @param connectTimeout the time allowed to open a connection, default 5 s (capped by the request's timeout)
 * @param maxResponseBytes the largest response body accepted, default 6 MB (Lambda's response payload limit)
 */
public record FunctionHttpSettings(Client client, int maxConnectionsPerOrigin, int maxPendingRequests,
        Duration idleTimeout, Duration connectTimeout, int maxResponseBytes) {

    /** The defaults: Netty, 128 connections and 4096 waiting requests per origin, 30 s idle, 5 s connect, 6 MB. */
    public static final FunctionHttpSettings DEFAULT = new FunctionHttpSettings(Client.NETTY, 128, 4096,
            Duration.ofSeconds(30), Duration.ofSeconds(5), 6 * 1024 * 1024);

    public FunctionHttpSettings {
        notNull(client, "client");
        checkArgument(maxConnectionsPerOrigin >= 1, "maxConnectionsPerOrigin: %s (expected: >= 1)",
                maxConnectionsPerOrigin);
        checkArgument(maxPendingRequests >= 1, "maxPendingRequests: %s (expected: >= 1)", maxPendingRequests);
        checkArgument(idleTimeout.toMillis() > 0, "idleTimeout: %s (expected: > 0)", idleTimeout);
        checkArgument(connectTimeout.toMillis() > 0, "connectTimeout: %s (expected: > 0)", connectTimeout);
        checkArgument(maxResponseBytes >= 1, "maxResponseBytes: %s (expected: >= 1)", maxResponseBytes);
    }

    /** Returns a copy using another client. */
    public FunctionHttpSettings withClient(Client value) {
        return new FunctionHttpSettings(value, maxConnectionsPerOrigin, maxPendingRequests, idleTimeout,
                connectTimeout, maxResponseBytes);
    }

    /** Returns a copy with another pool size per origin. */
    public FunctionHttpSettings withMaxConnectionsPerOrigin(int value) {
        return new FunctionHttpSettings(client, value, maxPendingRequests, idleTimeout, connectTimeout,
                maxResponseBytes);
    }

    /** Returns a copy with another limit of requests waiting for a connection. */
    public FunctionHttpSettings withMaxPendingRequests(int value) {
        return new FunctionHttpSettings(client, maxConnectionsPerOrigin, value, idleTimeout, connectTimeout,
                maxResponseBytes);
    }

    /** Returns a copy with another idle timeout. */
    public FunctionHttpSettings withIdleTimeout(Duration value) {
        return new FunctionHttpSettings(client, maxConnectionsPerOrigin, maxPendingRequests, value, connectTimeout,
                maxResponseBytes);
    }

    /** Returns a copy with another connect timeout. */
    public FunctionHttpSettings withConnectTimeout(Duration value) {
        return new FunctionHttpSettings(client, maxConnectionsPerOrigin, maxPendingRequests, idleTimeout, value,
                maxResponseBytes);
    }

    /** Returns a copy with another response size limit. */
    public FunctionHttpSettings withMaxResponseBytes(int value) {
        return new FunctionHttpSettings(client, maxConnectionsPerOrigin, maxPendingRequests, idleTimeout,
                connectTimeout, value);
    }

    /** Which HTTP client calls functions. */
    public enum Client {
        /** Pooled kept-alive HTTP/1.1 connections on the transport's event loops (the JDK client when embedded). */
        NETTY,
        /** The JDK {@code HttpClient}, with its own selector thread. */
        JDK
    }
}
