package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.time.Duration;

/**
 * How the transport coalesces the flushes of outbound messages to one connection (a Socketway extension; AWS has no
 * such setting). Off by default: each batch of messages the transport writes is flushed at once, as AWS delivers them.
 *
 * <p>With a window, messages to a connection are written as they come, but their flush (the system call that sends
 * them) waits until {@code window} has passed since the first unflushed message or {@code maxMessages} messages are
 * unflushed, whichever comes first. A close, a pong or a full socket buffer flushes at once. Fewer flushes cost less
 * CPU per message at high rates; each message may wait up to {@code window} longer.
 *
 * @param window how long a written message may wait for its flush; {@link Duration#ZERO} (the default) turns
 *     windowing off
 * @param maxMessages unflushed messages that trigger a flush before the window ends; default 16
 */
public record OutboundBatching(Duration window, int maxMessages) {

    /** No window: every batch the transport writes is flushed at once. */
    public static final OutboundBatching OFF = new OutboundBatching(Duration.ZERO, 16);

    public OutboundBatching {
        notNull(window, "window");
        checkArgument(!window.isNegative(), "outboundBatchWindow: %s (expected: >= 0)", window);
        checkArgument(window.compareTo(Duration.ofSeconds(10)) <= 0,
                "outboundBatchWindow: %s (expected: <= 10s)", window);
        checkArgument(maxMessages >= 1, "outboundBatchMessages: %s (expected: >= 1)", maxMessages);
    }

    /** Returns true when flushes wait for the window or the message count. */
    public boolean windowed() {
        return !window.isZero();
    }
}
