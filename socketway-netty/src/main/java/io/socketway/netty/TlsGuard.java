package io.socketway.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits first in the pipeline of a TLS listener and looks at a connection's first bytes: a TLS record replaces this
 * handler with an {@link SslHandler} from the current {@link ReloadingSslContext} (followed by {@link TlsErrors});
 * anything else, such as a {@code ws://} or {@code http://} request, gets a plain HTTP 400 that says to use
 * {@code wss://} or {@code https://}, and the connection closes. A connection that sends fewer than five bytes within
 * {@link #FIRST_BYTES_TIMEOUT} is closed, as an unfinished TLS handshake would be.
 *
 * <p>Threading: one instance per channel; runs on its event loop.
 */
final class TlsGuard extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TlsGuard.class);
    private static final int TLS_RECORD_HEADER = 5;
    private static final byte[] PLAINTEXT_RESPONSE = plaintextResponse();

    /** How long a new connection may take to send its first TLS record header: 10 seconds. */
    static final Duration FIRST_BYTES_TIMEOUT = Duration.ofSeconds(10);

    private final ReloadingSslContext tls;
    private @Nullable ScheduledFuture<?> timeout;

    TlsGuard(ReloadingSslContext tls) {
        this.tls = tls;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timeout = ctx.executor().schedule(() -> {
            LOG.debug("No TLS handshake from {} within {}; closing", ctx.channel().remoteAddress(),
                    FIRST_BYTES_TIMEOUT);
            ctx.close();
        }, FIRST_BYTES_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (timeout != null) {
            timeout.cancel(false);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (in.readableBytes() < TLS_RECORD_HEADER) {
            return;
        }
        if (SslHandler.isEncrypted(in, false)) {
            ctx.pipeline().replace(this, "tls", tls.newHandler(ctx.alloc()));
            ctx.pipeline().addAfter("tls", "tls-errors", TlsErrors.INSTANCE);
            return;
        }
        LOG.debug("Plain-text request from {} on the TLS port; answered 400", ctx.channel().remoteAddress());
        in.skipBytes(in.readableBytes());
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAINTEXT_RESPONSE)).addListener(ChannelFutureListener.CLOSE);
    }

    private static byte[] plaintextResponse() {
        String body = "{\"message\":\"This port speaks TLS: connect with wss:// or https://\"}";
        return ("HTTP/1.1 400 Bad Request\r\n"
                + "Content-Type: application/json\r\n"
                + "Content-Length: " + body.length() + "\r\n"
                + "Connection: close\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII);
    }
}
