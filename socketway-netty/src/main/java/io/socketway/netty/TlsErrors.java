package io.socketway.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@link SslHandler}: logs failed handshakes (wrong TLS version, untrusted certificate, timeouts) at DEBUG
 * and closes the connection on TLS errors, so that they do not reach the end of the pipeline as warnings. Other
 * exceptions pass on.
 *
 * <p>Threading: stateless and shared by all channels; runs on their event loops.
 */
@ChannelHandler.Sharable
final class TlsErrors extends ChannelInboundHandlerAdapter {
    static final TlsErrors INSTANCE = new TlsErrors();
    private static final Logger LOG = LoggerFactory.getLogger(TlsErrors.class);

    private TlsErrors() {}

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
            LOG.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), done.cause().toString());
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!isTlsFailure(cause)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        if (ssl != null && ssl.handshakeFuture().isSuccess()) {
            LOG.debug("TLS error with {}: {}", ctx.channel().remoteAddress(), cause.toString());
        }
        ctx.close();
    }

    private static boolean isTlsFailure(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return true;
            }
        }
        return false;
    }
}
