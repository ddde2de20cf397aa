package io.socketway.core;

import static io.socketway.api.Checks.checkArgument;
import static io.socketway.api.Checks.notNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How the node batches work for throughput (Socketway extensions; AWS has neither). Both are off by default.
 *
 * <p><b>Outbound window.</b> Messages to a connection are always written in batches: whatever is queued when the
 * transport's event loop gets to the connection is written and flushed once. With a window, the flush (the system call
 * that sends them) waits further, until {@code outboundWindow} has passed since the first unflushed message or
 * {@code outboundMessages} messages are unflushed, whichever comes first. A close, a pong or a full socket buffer
 * flushes at once. Fewer flushes cost less CPU per message at high rates; each message may wait up to the window.
 *
 * <p><b>Invocation batches.</b> For a route listed in {@code invocationBatches}, messages of one connection that
 * queued up for that route while an earlier invocation ran are handed to one invocation, up to the route's maximum;
 * see {@code docs/batching.md} for the event shape and how replies and errors are answered.
 *
 * @param outboundWindow how long a written message may wait for its flush; {@link Duration#ZERO} (the default) turns
 *     the window off. At most 10 s
 * @param outboundMessages unflushed messages that trigger a flush before the window ends; default 16
 * @param invocationBatches route key to the most messages one invocation receives (2 to {@value #MAX_INVOCATION_BATCH});
 *     empty by default
 */
public record BatchingSettings(Duration outboundWindow, int outboundMessages, Map<String, Integer> invocationBatches) {

    /** The most messages one invocation can receive (a Lambda event stays well below 6 MB at 32 KB each). */
    public static final int MAX_INVOCATION_BATCH = 100;

    /** No outbound window and no invocation batches: each batch of writes is flushed at once, one message per call. */
    public static final BatchingSettings OFF = new BatchingSettings(Duration.ZERO, 16, Map.of());

    public BatchingSettings {
        notNull(outboundWindow, "outboundWindow");
        checkArgument(!outboundWindow.isNegative() && outboundWindow.compareTo(Duration.ofSeconds(10)) <= 0,
                "outboundBatchWindow: %s (expected: 0 to 10s)", outboundWindow);
        checkArgument(outboundMessages >= 1, "outboundBatchMessages: %s (expected: >= 1)", outboundMessages);
        notNull(invocationBatches, "invocationBatches");
        invocationBatches.forEach((route, max) -> checkArgument(max >= 2 && max <= MAX_INVOCATION_BATCH,
                "invocationBatch: %s=%s (expected: ROUTE=N with N from 2 to %s)", route, max, MAX_INVOCATION_BATCH));
        invocationBatches = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(invocationBatches));
    }

    /** Returns outbound batching with this window and message count, keeping the invocation batches. */
    public BatchingSettings withOutbound(Duration window, int messages) {
        return new BatchingSettings(window, messages, invocationBatches);
    }

    /** Returns these settings with other invocation batches. */
    public BatchingSettings withInvocationBatches(Map<String, Integer> value) {
        return new BatchingSettings(outboundWindow, outboundMessages, value);
    }

    /** Returns true when outbound flushes wait for the window or the message count. */
    public boolean windowed() {
        return !outboundWindow.isZero();
    }

    /** Returns the most messages one invocation of {@code routeKey} receives: 1 unless the route batches. */
    public int invocationBatch(String routeKey) {
        return invocationBatches.getOrDefault(routeKey, 1);
    }
}
