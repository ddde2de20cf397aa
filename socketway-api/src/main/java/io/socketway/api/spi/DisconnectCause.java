package io.socketway.api.spi;

/**
 * Why a WebSocket connection ended, finer than its close code (1001 is sent for an idle timeout, the maximum
 * duration and a drain alike). A metric tag: a small fixed set, never an id.
 */
public enum DisconnectCause {
    /** The client sent a close frame (any code, including 1000, 1001 and 1005). */
    CLIENT,
    /** No data message in either direction for the idle timeout; the gateway closed with 1001. */
    IDLE_TIMEOUT,
    /** The connection reached its maximum duration; the gateway closed with 1001. */
    MAX_DURATION,
    /** {@code DELETE @connections/{id}} closed it with 1000. */
    MANAGEMENT_DELETE,
    /** The node holding it stopped heartbeating; a survivor reported it (1006). */
    NODE_LOST,
    /** The client broke the protocol or a size limit: 1002, 1003, 1007, 1009. */
    PROTOCOL_ERROR,
    /** The client did not read its messages: its outbound buffer stayed full (1008). */
    SLOW_CONSUMER,
    /** The client kept sending over its message rate limit (1008). */
    RATE_LIMIT,
    /** The gateway is shutting down or draining (1001). */
    SERVER_DRAIN,
    /** The socket dropped without a close frame (1006). */
    NO_CLOSE_FRAME,
    /** An unexpected error in the gateway (1011). */
    SERVER_ERROR;

    /** Returns the cause a close code implies when nothing more is known: the transport's view of a bare code. */
    public static DisconnectCause ofCode(int code) {
        return switch (code) {
            case 1006 -> NO_CLOSE_FRAME;
            case 1011 -> SERVER_ERROR;
            case 1002, 1003, 1007, 1009 -> PROTOCOL_ERROR;
            default -> CLIENT;
        };
    }

    /**
     * Returns true for closes an operator should look at: no close frame (1006), a server error (1011), a lost node or a
     * slow consumer. Closes the client or the configured limits asked for are normal.
     */
    public static boolean isAbnormal(int code, DisconnectCause cause) {
        return code == 1006 || code == 1011 || cause == NO_CLOSE_FRAME || cause == SERVER_ERROR
                || cause == NODE_LOST || cause == SLOW_CONSUMER;
    }
}
