package io.socketway.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.concurrent.ScheduledFuture;
import io.socketway.api.spi.MessageBus.Delivery;
import io.socketway.core.BatchingSettings;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * The write path of one WebSocket connection: a bounded (in bytes) multi-producer queue of outbound messages, drained
 * on the channel's event loop by one task that writes every queued message, split into frames of at most the frame
 * limit, and flushes once, so a burst of messages costs one event-loop wake-up and one flush instead of one each.
 * With an {@link BatchingSettings#outboundWindow() window} the flush waits further, for the window or the message count.
 *
 * <p>Messages are written in the order {@link #offer} accepted them. Their bytes count against the buffer limit from
 * {@link #offer} until the socket has taken them (the write completes, or fails).
 *
 * <p>Threading: {@link #offer} is thread-safe and never blocks; a call on the event loop writes at once (after any
 * message still queued). Every other method runs on the channel's event loop only.
 */
final class OutboundWriter {
    /** The most messages one drain writes before the event loop gets to its other work. */
    static final int MAX_PER_DRAIN = 1024;
    private final Channel channel;
    private final int frameBytes;
    private final long bufferBytes;
    private final BatchingSettings batching;
    /**
     * A linked queue, whose empty form is a few dozen bytes: Netty's MPSC array queues are padded against false
     * sharing and start with an array (8.7 KB for the default queue, 0.7 KB for a small chunked one), which every idle
     * connection would carry (measured with {@code scripts/bench idle}). The byte limit bounds the queue.
     */
    private final Queue<Outbound> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Runnable drainTask = this::drainFromTask;
    private final Runnable windowElapsed = this::flush;
    // Event-loop confined:
    private int unflushed;
    private @Nullable ScheduledFuture<?> flushTimer;
    private boolean closed;

    /** One queued message; {@code rsv} goes on its first frame (RSV1: compressed once for a fan-out). */
    private record Outbound(ByteBuf payload, boolean text, int rsv) {}

    OutboundWriter(Channel channel, int frameBytes, long bufferBytes, BatchingSettings batching) {
        this.channel = channel;
        this.frameBytes = frameBytes;
        this.bufferBytes = bufferBytes;
        this.batching = batching;
    }

    /**
     * Queues one message; takes ownership of {@code payload}.
     *
     * @return {@link Delivery#DELIVERED}, or {@link Delivery#BUFFER_FULL} (nothing queued) when the bytes not yet
     *     taken by the socket would exceed the buffer limit
     */
    Delivery offer(ByteBuf payload, boolean text) {
        Delivery admitted = reserve(payload.readableBytes());
        if (admitted != Delivery.DELIVERED) {
            payload.release();
            return admitted;
        }
        queue.offer(new Outbound(payload, text, 0));
        if (channel.eventLoop().inEventLoop()) {
            drainSome();
            scheduleIfQueued();
        } else if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drainTask);
        }
        return Delivery.DELIVERED;
    }

    /**
     * Takes {@code size} bytes of the buffer for a message {@link #writeReserved} will write. Thread-safe.
     *
     * @return {@link Delivery#DELIVERED}, or {@link Delivery#BUFFER_FULL} (nothing taken)
     */
    Delivery reserve(int size) {
        if (queuedBytes.addAndGet(size) > bufferBytes) {
            queuedBytes.addAndGet(-size);
            return Delivery.BUFFER_FULL;
        }
        return Delivery.DELIVERED;
    }

    /** Gives back bytes {@link #reserve} took for a message that will not be written. Thread-safe. */
    void unreserve(int size) {
        queuedBytes.addAndGet(-size);
    }

    /**
     * Writes a message whose bytes {@link #reserve} took, after every message queued before it, with {@code rsv} on
     * its first frame; takes ownership of {@code payload}. Event loop only.
     */
    void writeReserved(ByteBuf payload, boolean text, int rsv) {
        queue.offer(new Outbound(payload, text, rsv));
        drainSome();
        scheduleIfQueued();
    }

    /** Runs as the event-loop task; schedules itself again when messages came in meanwhile and nobody else did. */
    private void drainFromTask() {
        drainSome();
        drainScheduled.set(false);
        scheduleIfQueued();
    }

    /** Schedules a drain for messages still queued, after the event loop's other work (other channels, I/O). */
    private void scheduleIfQueued() {
        if (!queue.isEmpty() && drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drainTask);
        }
    }

    /**
     * Writes queued messages in order, at most {@value #MAX_PER_DRAIN} so that one busy connection cannot hold its
     * event loop, then flushes (now, or by the batching window).
     */
    private void drainSome() {
        int written = 0;
        for (Outbound next = null; written < MAX_PER_DRAIN && (next = queue.poll()) != null; ) {
            if (closed) {
                discard(next);
            } else {
                writeFrames(next);
                written++;
            }
        }
        if (written > 0) {
            flushAfter(written);
        }
    }

    /** Writes every queued message in order (for a close: nobody may queue more once the close has begun). */
    void drain() {
        while (!queue.isEmpty()) {
            drainSome();
        }
    }

    private void flushAfter(int written) {
        if (!batching.windowed()) {
            channel.flush();
            return;
        }
        unflushed += written;
        if (unflushed >= batching.outboundMessages() || !channel.isWritable()) {
            flush();
        } else if (flushTimer == null) {
            flushTimer = channel.eventLoop().schedule(windowElapsed, batching.outboundWindow().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Flushes everything written so far and ends the current window. */
    void flush() {
        cancelTimer();
        unflushed = 0;
        channel.flush();
    }

    /** Writes one message, split into frames of at most the frame limit, as AWS delivers large messages. */
    private void writeFrames(Outbound message) {
        ByteBuf payload = message.payload();
        int size = payload.readableBytes();
        ChannelFutureListener taken = f -> queuedBytes.addAndGet(-size);
        int rsv = message.rsv();
        if (size <= frameBytes) {
            channel.write(message.text() ? new TextWebSocketFrame(true, rsv, payload)
                    : new BinaryWebSocketFrame(true, rsv, payload)).addListener(taken);
            return;
        }
        for (int offset = 0; offset < size; offset += frameBytes) {
            int length = Math.min(frameBytes, size - offset);
            ByteBuf slice = payload.retainedSlice(payload.readerIndex() + offset, length);
            boolean last = offset + length == size;
            WebSocketFrame frame = offset == 0
                    ? (message.text() ? new TextWebSocketFrame(false, rsv, slice)
                            : new BinaryWebSocketFrame(false, rsv, slice))
                    : new ContinuationWebSocketFrame(last, 0, slice);
            if (last) {
                channel.write(frame).addListener(taken);
            } else {
                channel.write(frame);
            }
        }
        payload.release();
    }

    /**
     * Stops writing: messages still queued, and any offered later, are dropped. Call once a close frame is sent or the
     * socket is gone; call {@link #drain} first to deliver what was accepted before the close.
     */
    void close() {
        closed = true;
        cancelTimer();
        drain();
    }

    private void discard(Outbound message) {
        queuedBytes.addAndGet(-message.payload().readableBytes());
        message.payload().release();
    }

    private void cancelTimer() {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
    }
}
