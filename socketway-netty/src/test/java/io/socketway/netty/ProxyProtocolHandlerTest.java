package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyMessageEncoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolVersion;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.socketway.core.ClientAddressSettings;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The PROXY protocol handler on a channel whose peer is 127.0.0.1, fed the bytes a balancer would send. */
class ProxyProtocolHandlerTest {
    private static final String REQUEST = "GET /dev HTTP/1.1\r\nHost: x\r\n\r\n";

    private final List<String> passed = new ArrayList<>();

    private EmbeddedChannel channel(List<String> trusted) {
        EmbeddedChannel channel = new EmbeddedChannel() {
            @Override
            protected SocketAddress remoteAddress0() {
                return new InetSocketAddress("127.0.0.1", 40000);
            }
        };
        channel.pipeline().addLast(new HAProxyMessageDecoder(),
                new ProxyProtocolHandler(new ClientAddresses(new ClientAddressSettings(trusted, true))),
                new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf bytes = (ByteBuf) msg;
                        passed.add(bytes.toString(StandardCharsets.US_ASCII));
                        bytes.release();
                    }
                });
        return channel;
    }

    private static ByteBuf bytes(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void aTrustedHeaderNamesTheClientAndTheRequestBehindItIsRead() {
        EmbeddedChannel channel = channel(List.of("127.0.0.1"));
        channel.writeInbound(bytes("PROXY TCP4 198.51.100.7 127.0.0.1 5555 8080\r\n" + REQUEST));
        assertThat(channel.attr(ClientAddresses.PROXIED_SOURCE).get().getAddress().getHostAddress())
                .isEqualTo("198.51.100.7");
        assertThat(String.join("", passed)).isEqualTo(REQUEST);
        channel.finishAndReleaseAll();
    }

    @Test
    void aHeaderFromAnUntrustedPeerClosesTheConnectionAndNothingBehindItIsRead() {
        EmbeddedChannel channel = channel(List.of("10.0.0.0/8"));
        channel.writeInbound(bytes("PROXY TCP4 198.51.100.7 127.0.0.1 5555 8080\r\n" + REQUEST));
        assertThat(passed).as("the request sent along with the refused header").isEmpty();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aConnectionWithoutAHeaderIsClosedUnread() {
        EmbeddedChannel channel = channel(List.of());
        channel.writeInbound(bytes(REQUEST));
        assertThat(passed).isEmpty();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }

    @Test
    void aUnixSocketHeaderLeavesThePeerAsTheClientWithoutALookup() {
        EmbeddedChannel encoder = new EmbeddedChannel(HAProxyMessageEncoder.INSTANCE);
        encoder.writeOutbound(new HAProxyMessage(HAProxyProtocolVersion.V2, HAProxyCommand.PROXY,
                HAProxyProxiedProtocol.UNIX_STREAM, "evil.invalid", "/run/haproxy.sock", 0, 0));
        ByteBuf header = encoder.readOutbound();
        encoder.finishAndReleaseAll();

        EmbeddedChannel channel = channel(List.of());
        channel.writeInbound(Unpooled.wrappedBuffer(header, bytes(REQUEST)));
        assertThat(channel.attr(ClientAddresses.PROXIED_SOURCE).get()).isNull();
        assertThat(ClientAddresses.peer(channel).getHostAddress()).isEqualTo("127.0.0.1");
        assertThat(String.join("", passed)).isEqualTo(REQUEST);
        channel.finishAndReleaseAll();
    }
}
