package io.socketway.netty;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionData;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilter;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtension;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandshaker;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.netty.util.AttributeKey;
import io.socketway.core.DeflateSettings;
import io.socketway.core.Limits;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the permessage-deflate (RFC 7692) negotiation for upgrades. Memory stays bounded: no context takeover is
 * requested of clients, and a frame may inflate to at most {@link Limits#maxMessageBytes()} (a compression bomb fails
 * with a {@code DecompressionException}, which closes the connection with 1009). Messages below
 * {@link DeflateSettings#thresholdBytes()} go out uncompressed. With {@link DeflateSettings#serverContextTakeover()}
 * off, every compressing client is answered {@code server_no_context_takeover}; a channel that negotiated it is marked
 * with {@link #SHARED_DEFLATE}, so that {@link NettyFanOutWriter} may send it a message compressed once for many.
 *
 * <p>Threading: {@link #handler} is called per channel on its event loop; the negotiation runs there too. Stateless.
 */
final class Compression {
    /** Set on a channel whose negotiated permessage-deflate has {@code server_no_context_takeover} (true) or not. */
    static final AttributeKey<Boolean> SHARED_DEFLATE = AttributeKey.valueOf("socketway.deflate.noContextTakeover");

    private static final String EXTENSION = "permessage-deflate";
    private static final String SERVER_NO_CONTEXT = "server_no_context_takeover";
    private static final int LEVEL = 6;

    private Compression() {}

    static WebSocketServerExtensionHandler handler(Limits limits, Channel channel) {
        DeflateSettings deflate = limits.deflate();
        PerMessageDeflateServerExtensionHandshaker netty = new PerMessageDeflateServerExtensionHandshaker(
                LEVEL, false, 15, true, true, threshold(deflate.thresholdBytes()), limits.maxMessageBytes());
        return new WebSocketServerExtensionHandler(new Negotiation(netty, deflate.serverContextTakeover(), channel));
    }

    /** Returns true when the channel's compression has no server context, so a shared compressed frame fits it. */
    static boolean sharesFrames(Channel channel) {
        return channel.hasAttr(SHARED_DEFLATE) && Boolean.TRUE.equals(channel.attr(SHARED_DEFLATE).get());
    }

    /** Returns the compression level shared frames use, the same as per-connection compression. */
    static int level() {
        return LEVEL;
    }

    /** Skips compressing whole messages (first frames) smaller than {@code bytes}; never skips a continuation. */
    private static WebSocketExtensionFilterProvider threshold(int bytes) {
        WebSocketExtensionFilter skipSmall = frame -> isMessageStart(frame) && frame.content().readableBytes() < bytes;
        return new WebSocketExtensionFilterProvider() {
            @Override
            public WebSocketExtensionFilter encoderFilter() {
                return bytes == 0 ? WebSocketExtensionFilter.NEVER_SKIP : skipSmall;
            }

            @Override
            public WebSocketExtensionFilter decoderFilter() {
                return WebSocketExtensionFilter.NEVER_SKIP;
            }
        };
    }

    private static boolean isMessageStart(WebSocketFrame frame) {
        return frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
    }

    /** Netty's negotiation, made to decline server context takeover when configured, recording the outcome. */
    private record Negotiation(WebSocketServerExtensionHandshaker netty, boolean serverContextTakeover,
            Channel channel) implements WebSocketServerExtensionHandshaker {

        @Override
        public WebSocketServerExtension handshakeExtension(WebSocketExtensionData offer) {
            WebSocketServerExtension accepted = netty.handshakeExtension(adjusted(offer));
            if (accepted != null && EXTENSION.equals(offer.name())) {
                boolean shared = accepted.newReponseData().parameters().containsKey(SERVER_NO_CONTEXT);
                channel.attr(SHARED_DEFLATE).setIfAbsent(shared);
            }
            return accepted;
        }

        private WebSocketExtensionData adjusted(WebSocketExtensionData offer) {
            if (serverContextTakeover || !EXTENSION.equals(offer.name())) {
                return offer;
            }
            Map<String, String> parameters = new HashMap<>(offer.parameters());
            parameters.put(SERVER_NO_CONTEXT, null);
            return new WebSocketExtensionData(offer.name(), parameters);
        }
    }
}
