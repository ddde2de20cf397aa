package io.socketway.netty;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drops connections that are slow to send a complete HTTP request: a new connection must deliver its first request
 * (a WebSocket handshake or a management call) within the timeout, and a keep-alive connection must start its next
 * one within the same time after the last response. Removed from the pipeline once the connection upgrades.
 *
 * <p>The deadline moves with every request and response, but the timer does not: one task is scheduled per timeout
 * period at most, and when it fires before the current deadline it schedules itself for the time that is left (as
 * Netty's {@code IdleStateHandler} does), so a keep-alive connection's requests cost no timer each.
 *
 * <p>Threading: one instance per channel; runs on its event loop.
 */
final class HttpPhaseTimeout extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPhaseTimeout.class);
    private final long timeoutNanos;
    private final Duration timeout;
    /** When the connection is dropped unless a complete request arrives first (while {@link #waiting}). */
    private long deadlineNanos;
    /** False while a request is being served and once the handler is removed. */
    private boolean waiting;
    private @Nullable ScheduledFuture<?> timer;

    HttpPhaseTimeout(Duration timeout) {
        this.timeout = timeout;
        this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        waiting = false;
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            waiting = false;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent && ctx.channel().isActive()) {
            arm(ctx);
        }
        ctx.write(msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
        deadlineNanos = System.nanoTime() + timeoutNanos;
        waiting = true;
        if (timer == null) {
            schedule(ctx, timeoutNanos);
        }
    }

    private void schedule(ChannelHandlerContext ctx, long delayNanos) {
        timer = ctx.executor().schedule(() -> expired(ctx), delayNanos, TimeUnit.NANOSECONDS);
    }

    private void expired(ChannelHandlerContext ctx) {
        timer = null;
        if (!waiting || !ctx.channel().isActive()) {
            return; // a request is being served; the next response arms again
        }
        long left = deadlineNanos - System.nanoTime();
        if (left > 0) {
            schedule(ctx, left);
            return;
        }
        LOG.debug("No complete request from {} within {}; closing", ctx.channel().remoteAddress(), timeout);
        ctx.close();
    }
}
