package io.socketway.core;

import io.socketway.api.spi.MessageBus.Delivery;

/**
 * The transport's side of one client socket, as the node sees it.
 *
 * <p>Threading: every method is thread-safe and non-blocking; the transport hands writes and closes to its own event
 * loop. Writes from one thread are sent in the order they were accepted.
 */
public interface ClientChannel {

    /**
     * Queues one text message for the client.
     *
     * @return {@link Delivery#DELIVERED} once the message is in the connection's outbound buffer,
     *     {@link Delivery#BUFFER_FULL} when the buffer limit would be exceeded (nothing is queued), or
     *     {@link Delivery#GONE} when the socket is closed
     */
    Delivery send(String text);

    /** Queues one binary message for the client; same outcomes as {@link #send(String)}. */
    Delivery sendBinary(byte[] data);

    /**
     * Queues one text message given as valid UTF-8 (the caller has checked it), without decoding it first; same
     * outcomes as {@link #send(String)}. The array must not change afterwards.
     */
    default Delivery sendText(byte[] utf8) {
        return send(new String(utf8, java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Sends a close frame with this code and reason, then closes the socket. Idempotent. */
    void close(int code, String reason);

    /**
     * Sends a close frame with the reason's code and text, then closes the socket, remembering the reason's
     * {@link CloseReason#cause() cause} for metrics. Idempotent.
     */
    default void close(CloseReason reason) {
        close(reason.code(), reason.reason());
    }

    /**
     * Returns the writer that sends one message to many channels of this transport at once (the {@code @connections}
     * fan-out); by default the channel's own {@link #send}, one channel at a time.
     */
    default FanOutWriter fanOutWriter() {
        return FanOutWriter.PER_CHANNEL;
    }

    /** Stops (true) or resumes (false) reading from the socket; used when a client sends faster than its routes run. */
    void pauseReading(boolean paused);
}
