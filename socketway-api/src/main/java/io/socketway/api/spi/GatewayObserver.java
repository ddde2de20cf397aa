package io.socketway.api.spi;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Hears what happens in a gateway node, where it happens: connects, messages in and out, integration calls, throttles,
 * refused pushes, disconnects and cross-node deliveries. Metrics, alarms, usage metering and (later) access logs
 * hang off this one seam; {@link #NOOP} is the default and {@link #composite} fans out to several.
 *
 * <p>Contract: methods are called on event loops and on the gateway's virtual threads, concurrently, on the hot path of
 * every message. Implementations are thread-safe, never block, never throw, and do not allocate per call beyond what
 * they must (cache meters per stage and route). Arguments are low-cardinality names: {@code stage} is always one of
 * the API's stages, {@code route} one of its route keys (or null when no route applies); never a connection id.
 * Durations are in nanoseconds.
 */
public interface GatewayObserver {
    /** Hears nothing. */
    GatewayObserver NOOP = new GatewayObserver() {};

    /** A handshake reached the gateway for a known stage (AWS's {@code ConnectCount}). */
    default void connectRequested(String stage) {}

    /** A handshake was refused with {@code status} before or by {@code $connect} (4xx counts as a client error). */
    default void connectRejected(String stage, int status) {}

    /** A connection was opened (the 101 was written). */
    default void connectionOpened(String stage) {}

    /**
     * A data message arrived from a client.
     *
     * @param route the selected route key, or null when none matched or the message was throttled before selection
     * @param bytes its size in bytes (UTF-8 for text)
     */
    default void messageReceived(String stage, @Nullable String route, int bytes) {}

    /** A message was queued for a client. */
    default void messageSent(String stage, OutboundKind kind, int bytes) {}

    /**
     * A request was answered with a client error before any integration ran: no route matched (403), or the
     * client was over its message rate (429). AWS's {@code ClientError}.
     */
    default void clientError(String stage, @Nullable String route, int status) {}

    /**
     * An integration (or the {@code $connect} authorizer) finished.
     *
     * @param latencyNanos how long it took, or -1 when AWS does not measure it (MOCK integrations)
     */
    default void integrationCompleted(String stage, String route, Outcome outcome, long latencyNanos) {}

    /** Something was refused for being over a limit. */
    default void throttled(String stage, Throttle kind) {}

    /** A function invocation started (in-process functions, for the in-flight gauge). */
    default void functionStarted(String function) {}

    /** A function invocation finished, however it ended. */
    default void functionFinished(String function) {}

    /** A message could not be queued because the client's outbound buffer was full. */
    default void outboundRefused(String stage, OutboundKind kind) {}

    /**
     * A connection ended. {@link DisconnectCause#NODE_LOST} reports connections another (dead) node held, so it never
     * changes this node's count of open connections.
     */
    default void disconnected(String stage, int code, DisconnectCause cause) {}

    /**
     * A management operation went to another node over the {@link MessageBus} and came back.
     *
     * @param operation {@code post} or {@code delete}
     */
    default void remoteDelivery(String operation, MessageBus.Delivery result, long latencyNanos) {}

    /**
     * A connection ended after {@code durationMillis} (from the handshake to the close), reported with
     * {@link #disconnected}; for {@link DisconnectCause#NODE_LOST} the duration runs until the survivor reaped it.
     * Usage metering turns it into connection-minutes.
     */
    default void connectionEnded(String stage, long durationMillis) {}

    /**
     * A Lambda function ran for a route: the {@code AWS_PROXY} integration of {@code route} (in-process or over HTTP),
     * or the {@code REQUEST} authorizer of {@code $connect}. Reported however it ended, except when it was throttled
     * before running (Lambda bills neither).
     *
     * @param function the function's name ({@code FunctionName}), or the integration's URL for functions over HTTP
     * @param memorySizeMb the function's {@code MemorySize} (128 when the template does not define the function)
     * @param durationNanos how long the invocation took as the gateway saw it
     */
    default void functionInvoked(String stage, String route, String function, int memorySizeMb, long durationNanos) {}

    /** Returns an observer that calls each of {@code observers} in order; one failing never stops the others. */
    static GatewayObserver composite(List<GatewayObserver> observers) {
        List<GatewayObserver> all = observers.stream().filter(o -> o != NOOP).toList();
        return switch (all.size()) {
            case 0 -> NOOP;
            case 1 -> all.get(0);
            default -> new CompositeObserver(all.toArray(GatewayObserver[]::new));
        };
    }

    /** What kind of outbound message. */
    enum OutboundKind {
        /** The integration's answer on a two-way route. */
        REPLY,
        /** A gateway error frame ({@code Forbidden}, {@code Internal server error}, {@code Too Many Requests}). */
        ERROR,
        /** A {@code POST @connections/{id}}. */
        PUSH
    }

    /** How an integration call ended, in AWS's metric terms. */
    enum Outcome {
        /** A 2xx (or no status) from the integration. */
        OK,
        /** The integration answered 4xx or 5xx: AWS's {@code IntegrationError}. */
        INTEGRATION_ERROR,
        /** The authorizer denied the connect: AWS's {@code ClientError}. */
        CLIENT_ERROR,
        /** The integration could not be called or failed (threw, timed out, throttled, bad response): {@code ExecutionError}. */
        EXECUTION_ERROR
    }

    /** What was throttled. */
    enum Throttle {
        /** A handshake over the node's or an address's connect rate or connection cap (429). */
        CONNECT,
        /** A message over the connection's message rate. */
        MESSAGE,
        /** An invocation over the function's {@code ReservedConcurrentExecutions}. */
        FUNCTION_CONCURRENCY
    }
}
