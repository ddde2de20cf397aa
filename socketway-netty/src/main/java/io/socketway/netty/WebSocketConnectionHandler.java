package io.socketway.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.socketway.api.spi.MessageBus.Delivery;
import io.socketway.core.ClientChannel;
import io.socketway.core.CloseReason;
import io.socketway.core.Connection;
import io.socketway.core.FanOutWriter;
import io.socketway.core.Gateway;
import io.socketway.core.Limits;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an upgraded channel: hands complete messages to the {@link Gateway}, answers pings, enforces the
 * idle timeout and maximum duration, and is the {@link ClientChannel} through which the node writes to this client.
 *
 * <p>Threading: inbound events run on the channel's event loop. The {@link ClientChannel} methods are thread-safe:
 * sends go through the connection's {@link OutboundWriter} (byte accounting, acceptance order, one flush per batch) and
 * closes run on the event loop after the messages accepted before them.
 */
final class WebSocketConnectionHandler extends SimpleChannelInboundHandler<WebSocketFrame> implements ClientChannel {
    private static final Logger LOG = LoggerFactory.getLogger(WebSocketConnectionHandler.class);

    private final Gateway gateway;
    private final Connection connection;
    private final Limits limits;
    private volatile @Nullable Channel channel;
    private volatile @Nullable OutboundWriter writer;
    private volatile @Nullable CloseReason closeReason;
    private final ConnectionTimeouts timeouts;
    private final Deadlines deadlines = new Deadlines();

    WebSocketConnectionHandler(Gateway gateway, Connection connection, Limits limits, ConnectionTimeouts timeouts) {
        this.gateway = gateway;
        this.connection = connection;
        this.limits = limits;
        this.timeouts = timeouts;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        writer = new OutboundWriter(ctx.channel(), limits.maxFrameBytes(), limits.outboundBufferBytes(),
                gateway.settings().batching());
        deadlines.openedAt = System.currentTimeMillis();
        timeouts.add(ctx.executor(), deadlines);
    }

    /**
     * The idle timeout (counted from the later of the upgrade and the last data message) and the maximum duration
     * (counted from the upgrade) of this connection, watched by the event loop's {@link ConnectionTimeouts}.
     */
    private final class Deadlines extends ConnectionTimeouts.Entry {
        private long openedAt;

        private long idleAt() {
            return Math.max(openedAt, connection.lastActiveAt()) + limits.idleTimeout().toMillis();
        }

        private long maxDurationAt() {
            return openedAt + limits.maxDuration().toMillis();
        }

        @Override
        long dueAt() {
            return Math.min(idleAt(), maxDurationAt());
        }

        @Override
        void expire(long now) {
            long duration = maxDurationAt();
            closeOnLoop(now >= duration && duration <= idleAt() ? CloseReason.MAX_DURATION : CloseReason.GOING_AWAY);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            gateway.message(connection, text.text());
        } else if (frame instanceof BinaryWebSocketFrame binary) {
            if (limits.binaryMessages()) {
                gateway.binaryMessage(connection, ByteBufUtil.getBytes(binary.content()));
            } else {
                closeOnLoop(CloseReason.BINARY_NOT_SUPPORTED);
            }
        } else if (frame instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
        } else if (frame instanceof CloseWebSocketFrame close) {
            onClientClose(ctx, close);
        }
    }

    private void onClientClose(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        int code = close.statusCode();
        CloseReason reason = code < 0 ? CloseReason.NO_STATUS
                : new CloseReason(code, close.reasonText(), io.socketway.api.spi.DisconnectCause.CLIENT);
        if (closeReason == null) {
            closeReason = reason;
        }
        stopWriting();
        CloseWebSocketFrame echo = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, "");
        ctx.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        CloseReason reason = reasonFor(cause);
        if (reason.code() == 1011) {
            LOG.warn("Closing {} after an unexpected error", connection.id(), cause);
        } else {
            LOG.debug("Closing {}: {}", connection.id(), cause.toString());
        }
        closeOnLoop(reason);
    }

    private static CloseReason reasonFor(Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException c) {
            int code = c.closeStatus().code();
            return switch (code) {
                case 1009 -> CloseReason.TOO_BIG;
                case 1007 -> CloseReason.INVALID_UTF8;
                default -> new CloseReason(code, c.closeStatus().reasonText().toString());
            };
        }
        if (cause instanceof TooLongFrameException
                || cause instanceof io.netty.handler.codec.compression.DecompressionException) {
            return CloseReason.TOO_BIG;
        }
        if (cause instanceof CorruptedFrameException) {
            return new CloseReason(1002, "Protocol error");
        }
        if (cause instanceof java.io.IOException) {
            return CloseReason.ABNORMAL;
        }
        return new CloseReason(1011, "Internal error");
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        deadlines.remove();
        stopWriting();
        CloseReason reason = closeReason;
        gateway.closed(connection, reason == null ? CloseReason.ABNORMAL : reason);
        ctx.fireChannelInactive();
    }

    @Override
    public Delivery send(String text) {
        // String.getBytes copies a Latin-1 string's array at once; Unpooled.copiedBuffer encodes char by char.
        return write(Unpooled.wrappedBuffer(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), true);
    }

    @Override
    public Delivery sendText(byte[] utf8) {
        return write(Unpooled.wrappedBuffer(utf8), true);
    }

    @Override
    public Delivery sendBinary(byte[] data) {
        return write(Unpooled.wrappedBuffer(data), false);
    }

    private Delivery write(ByteBuf payload, boolean text) {
        Channel ch = channel;
        OutboundWriter out = writer;
        if (ch == null || out == null || !ch.isActive() || closeReason != null) {
            payload.release();
            return Delivery.GONE;
        }
        return out.offer(payload, text);
    }

    /**
     * Takes {@code size} bytes of this client's outbound buffer for a message about to be written with
     * {@link #writeReserved}: returns {@link Delivery#DELIVERED} when taken, otherwise the outcome that refuses the
     * message. Thread-safe.
     */
    Delivery reserve(int size) {
        Channel ch = channel;
        OutboundWriter out = writer;
        if (ch == null || out == null || !ch.isActive() || closeReason != null) {
            return Delivery.GONE;
        }
        return out.reserve(size);
    }

    /** Gives back bytes taken by {@link #reserve} for a message that will not be written. Thread-safe. */
    void unreserve(int size) {
        OutboundWriter out = writer;
        if (out != null) {
            out.unreserve(size);
        }
    }

    /**
     * Writes a message whose bytes {@link #reserve} took, behind every message accepted before it; {@code rsv} goes on
     * its first frame (RSV1: already compressed). Takes ownership of {@code payload}. Event loop only.
     */
    void writeReserved(ByteBuf payload, boolean text, int rsv) {
        OutboundWriter out = writer;
        if (out == null) {
            payload.release();
            return;
        }
        out.writeReserved(payload, text, rsv);
    }

    /** Returns the socket, once the handler is in the pipeline. */
    @Nullable Channel channel() {
        return channel;
    }

    /** Returns the limits this connection runs with (the deflate threshold). */
    Limits limits() {
        return limits;
    }

    @Override
    public FanOutWriter fanOutWriter() {
        return NettyFanOutWriter.INSTANCE;
    }

    @Override
    public void close(int code, String reason) {
        close(new CloseReason(code, reason));
    }

    @Override
    public void close(CloseReason reason) {
        Channel ch = channel;
        if (ch != null) {
            ch.eventLoop().execute(() -> closeOnLoop(reason));
        }
    }

    private void closeOnLoop(CloseReason reason) {
        Channel ch = channel;
        if (ch == null || closeReason != null) {
            return;
        }
        closeReason = reason;
        if (!ch.isActive()) {
            stopWriting();
            return;
        }
        if (reason.code() == 1005 || reason.code() == 1006 || reason.code() == 1015) {
            stopWriting();
            ch.close();
            return;
        }
        OutboundWriter out = writer;
        if (out != null) {
            out.drain(); // messages accepted before the close go first; the close frame's flush sends them
        }
        stopWriting();
        ch.writeAndFlush(new CloseWebSocketFrame(reason.code(), truncate(reason.reason())))
                .addListener(ChannelFutureListener.CLOSE);
    }

    /** Drops outbound messages still queued or offered later: no data frame may follow a close frame. */
    private void stopWriting() {
        OutboundWriter out = writer;
        if (out != null) {
            out.close();
        }
    }

    private static String truncate(String reason) {
        byte[] bytes = reason.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return bytes.length <= 123 ? reason : new String(bytes, 0, 123, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void pauseReading(boolean paused) {
        Channel ch = channel;
        if (ch != null) {
            ch.config().setAutoRead(!paused);
        }
    }
}
