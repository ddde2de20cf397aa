package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the PROXY protocol header that Netty's {@code HAProxyMessageDecoder} (placed before it) read from the start of
 * a connection: its source address becomes the channel's client ({@link ClientAddresses#PROXIED_SOURCE}), then this
 * handler leaves the pipeline. A header from a peer that is not a trusted proxy (when some are configured), or a
 * connection that does not start with a header, is closed: its claim about the client cannot be believed.
 *
 * <p>Threading: one instance per channel, on its event loop.
 */
final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolHandler.class);
    private final ClientAddresses addresses;

    ProxyProtocolHandler(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            if (!addresses.trustsNobody() && !addresses.trusted(peer.getAddress())) {
                LOG.warn("PROXY protocol header from {}, which is not a trusted proxy (--trusted-proxy); closing",
                        peer.getAddress().getHostAddress());
                ctx.close();
                return;
            }
            if (header.command() == HAProxyCommand.PROXY && header.sourceAddress() != null) {
                ctx.channel().attr(ClientAddresses.PROXIED_SOURCE).set(
                        new InetSocketAddress(header.sourceAddress(), header.sourcePort()));
            }
            ctx.pipeline().remove(this);
        } finally {
            header.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("No valid PROXY protocol header from {}: {}; closing", ctx.channel().remoteAddress(),
                cause.toString());
        ctx.close();
    }
}
