package io.socketway.core;

import io.socketway.api.spi.DisconnectCause;

/**
 * A WebSocket close code with the reason text that appears as {@code disconnectReason} in {@code $disconnect} events.
 *
 * <p>Codes Socketway sends or reports (RFC 6455 and spec §7):
 * <table>
 *   <caption>close codes</caption>
 *   <tr><th>code</th><th>when</th></tr>
 *   <tr><td>1000</td><td>normal close by the client, or {@code DELETE @connections/{id}}</td></tr>
 *   <tr><td>1001</td><td>idle timeout, maximum duration, gateway shutdown or drain ("Going away")</td></tr>
 *   <tr><td>1003</td><td>binary frame while binary messages are off</td></tr>
 *   <tr><td>1005</td><td>reported only: the client's close frame carried no status</td></tr>
 *   <tr><td>1006</td><td>reported only: the socket dropped without a close frame</td></tr>
 *   <tr><td>1007</td><td>invalid UTF-8 in a text message</td></tr>
 *   <tr><td>1008</td><td>policy: the client did not read its messages (slow consumer), or kept sending over its
 *       message rate limit</td></tr>
 *   <tr><td>1009</td><td>frame over the frame limit or message over the message limit</td></tr>
 *   <tr><td>1011</td><td>unexpected server error</td></tr>
 * </table>
 *
 * <p>The {@link DisconnectCause} is what metrics report; it is never sent to the client and two reasons differing only
 * in their cause (an idle timeout and the maximum duration both send 1001 "Going away") look the same on the wire.
 *
 * @param code the close code
 * @param reason the reason text (at most 123 bytes on the wire)
 * @param cause why the connection ended, for metrics
 */
public record CloseReason(int code, String reason, DisconnectCause cause) {
    /** Idle timeout reached, as AWS reports it. */
    public static final CloseReason GOING_AWAY = new CloseReason(1001, "Going away", DisconnectCause.IDLE_TIMEOUT);
    /** Maximum duration reached, as AWS reports it. */
    public static final CloseReason MAX_DURATION =
            new CloseReason(1001, "Going away", DisconnectCause.MAX_DURATION);
    /** The gateway is shutting down or draining; clients should reconnect elsewhere. */
    public static final CloseReason SHUTDOWN = new CloseReason(1001, "Going away: gateway shutting down, reconnect",
            DisconnectCause.SERVER_DRAIN);
    /** The client's close frame had no status code (AWS's wording). */
    public static final CloseReason NO_STATUS = new CloseReason(1005, "Client-side close frame status not set");
    /** The socket dropped without a close frame. */
    public static final CloseReason ABNORMAL = new CloseReason(1006, "Connection closed abnormally");
    /** Closed by {@code DELETE @connections/{id}}. */
    public static final CloseReason DELETED = new CloseReason(1000, "Connection deleted through @connections",
            DisconnectCause.MANAGEMENT_DELETE);
    /** Binary frames while binary support is off. */
    public static final CloseReason BINARY_NOT_SUPPORTED = new CloseReason(1003, "Binary frames are not supported");
    /** Invalid UTF-8 in a text message. */
    public static final CloseReason INVALID_UTF8 = new CloseReason(1007, "Invalid UTF-8 in text frame");
    /** A frame or message above the configured limit. */
    public static final CloseReason TOO_BIG = new CloseReason(1009, "Message too big");
    /** The client kept sending over its message rate limit. */
    public static final CloseReason POLICY_RATE = new CloseReason(1008, "Message rate limit exceeded",
            DisconnectCause.RATE_LIMIT);
    /** The client stayed unwritable: its outbound buffer stayed full. */
    public static final CloseReason SLOW_CONSUMER = new CloseReason(1008, "Slow consumer: outbound buffer full",
            DisconnectCause.SLOW_CONSUMER);

    public CloseReason {
        io.socketway.api.Checks.notNull(reason, "reason");
        io.socketway.api.Checks.notNull(cause, "cause");
    }

    /** Creates a reason whose cause follows from the code alone ({@link DisconnectCause#ofCode}). */
    public CloseReason(int code, String reason) {
        this(code, reason, DisconnectCause.ofCode(code));
    }

    /** Returns true when metrics count this close as abnormal ({@link DisconnectCause#isAbnormal}). */
    public boolean abnormal() {
        return DisconnectCause.isAbnormal(code, cause);
    }
}
