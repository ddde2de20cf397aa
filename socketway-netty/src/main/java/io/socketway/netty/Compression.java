package io.socketway.netty;

import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.socketway.core.Limits;

/**
 * Builds the permessage-deflate (RFC 7692) negotiation for upgrades. Memory stays bounded: no context takeover is
 * requested of clients, and a frame may inflate to at most {@link Limits#maxMessageBytes()} (a compression bomb fails
 * with a {@code DecompressionException}, which closes the connection with 1009). Stateless.
 */
final class Compression {
    private Compression() {}

    static WebSocketServerExtensionHandler handler(Limits limits) {
        return new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(
                6, false, 15, true, true, limits.maxMessageBytes()));
    }
}
