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
 * <p>Threading: one instance per channel; runs on its event loop.
 */
final class HttpPhaseTimeout extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(HttpPhaseTimeout.class);
    private final Duration timeout;
    private @Nullable ScheduledFuture<?> pending;

    HttpPhaseTimeout(Duration timeout) {
        this.timeout = timeout;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        arm(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        disarm();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest) {
            disarm();
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof LastHttpContent) {
            promise.addListener(f -> {
                if (ctx.channel().isActive() && ctx.pipeline().context(this) != null) {
                    arm(ctx);
                }
            });
        }
        ctx.write(msg, promise);
    }

    private void arm(ChannelHandlerContext ctx) {
        disarm();
        pending = ctx.executor().schedule(() -> {
            LOG.debug("No complete request from {} within {}; closing", ctx.channel().remoteAddress(), timeout);
            ctx.close();
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void disarm() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }
}
