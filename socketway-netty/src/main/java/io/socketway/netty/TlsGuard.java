package io.socketway.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits first in the pipeline of a TLS listener and looks at a connection's first bytes: a TLS record replaces this
 * handler with an {@link SslHandler} from the current {@link ReloadingSslContext} (followed by {@link TlsErrors});
 * anything else, such as a {@code ws://} or {@code http://} request, gets a plain HTTP 400 that says to use
 * {@code wss://} or {@code https://}, and the connection closes.
 *
 * <p>Threading: one instance per channel; runs on its event loop.
 */
final class TlsGuard extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(TlsGuard.class);
    private static final int TLS_RECORD_HEADER = 5;
    private static final byte[] PLAINTEXT_RESPONSE = plaintextResponse();

    private final ReloadingSslContext tls;

    TlsGuard(ReloadingSslContext tls) {
        this.tls = tls;
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
