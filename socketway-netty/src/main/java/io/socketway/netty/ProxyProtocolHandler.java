package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.netty.util.NetUtil;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the PROXY protocol header that Netty's {@code HAProxyMessageDecoder} (placed before it) read from the start of
 * a connection: its source address becomes the channel's client ({@link ClientAddresses#PROXIED_SOURCE}), then this
 * handler leaves the pipeline. A header from a peer that is not a trusted proxy (when some are configured), or a
 * connection that does not start with a valid header, is closed, and nothing that arrived with it is read: its claim
 * about the client cannot be believed. A {@code LOCAL} header (a balancer's health check) or one for a protocol without
 * IP addresses (a Unix socket) leaves the TCP peer as the client.
 *
 * <p>Threading: one instance per channel, on its event loop; no DNS (addresses are parsed as literals).
 */
final class ProxyProtocolHandler extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ProxyProtocolHandler.class);
    private final ClientAddresses addresses;
    private boolean refused;

    ProxyProtocolHandler(ClientAddresses addresses) {
        this.addresses = addresses;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg); // bytes that came with a refused header: never read
            return;
        }
        if (!(msg instanceof HAProxyMessage header)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            InetSocketAddress peer = (InetSocketAddress) ctx.channel().remoteAddress();
            if (!addresses.trustsNobody() && !addresses.trusted(peer.getAddress())) {
                LOG.warn("PROXY protocol header from {}, which is not a trusted proxy (--trusted-proxy); closing",
                        peer.getAddress().getHostAddress());
                refuse(ctx);
                return;
            }
            InetAddress source = header.command() == HAProxyCommand.PROXY ? ipSource(header) : null;
            if (source != null) {
                ctx.channel().attr(ClientAddresses.PROXIED_SOURCE).set(new InetSocketAddress(source,
                        header.sourcePort()));
            }
            ctx.pipeline().remove(this);
        } finally {
            header.release();
        }
    }

    /** Returns the header's source for TCP or UDP over IPv4 or IPv6, parsed without DNS; null for anything else. */
    private static InetAddress ipSource(HAProxyMessage header) {
        HAProxyProxiedProtocol.AddressFamily family = header.proxiedProtocol().addressFamily();
        String source = header.sourceAddress();
        boolean ip = family == HAProxyProxiedProtocol.AddressFamily.AF_IPv4
                || family == HAProxyProxiedProtocol.AddressFamily.AF_IPv6;
        return ip && source != null && (NetUtil.isValidIpV4Address(source) || NetUtil.isValidIpV6Address(source))
                ? NetUtil.createInetAddressFromIpAddressString(source) : null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("No valid PROXY protocol header from {}: {}; closing", ctx.channel().remoteAddress(),
                cause.toString());
        refuse(ctx);
    }

    private void refuse(ChannelHandlerContext ctx) {
        refused = true;
        ctx.channel().config().setAutoRead(false);
        ctx.close();
    }
}
