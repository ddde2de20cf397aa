package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.Utf8FrameValidator;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.socketway.core.CloseReason;
import io.socketway.core.ConnectResult;
import io.socketway.core.Gateway;
import io.socketway.core.HandshakeRequest;
import io.socketway.core.Limits;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds a WebSocket upgrade request until the {@code $connect} route has answered (spec §2.1: the 101 is sent only
 * after {@code $connect} succeeds), then completes the handshake with the subprotocol the route chose, or answers with
 * the route's HTTP status. After the 101 the pipeline becomes: frame decoder, flush consolidation (flushes during a
 * read, such as pongs, go out once at the end of the read), UTF-8 validator, message aggregator,
 * {@link WebSocketConnectionHandler}.
 *
 * <p>Threading: created and completed on the channel's event loop; the {@code $connect} call runs in the gateway on a
 * virtual thread and its result is handed back to the event loop. Reading is paused while {@code $connect} runs.
 */
final class WebSocketUpgrade {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WebSocketUpgrade.class);

    private final Gateway gateway;
    private final ServerState state;

    WebSocketUpgrade(Gateway gateway, ServerState state) {
        this.gateway = gateway;
        this.state = state;
    }

    void start(ChannelHandlerContext ctx, FullHttpRequest request, String stage) {
        FullHttpRequest held = request.retain(); // the router releases its reference; finish releases this one
        ctx.channel().config().setAutoRead(false);
        gateway.connect(handshake(ctx, request, stage)).whenComplete((result, error) -> ctx.executor().execute(() -> {
            try {
                finish(ctx, held, result, error);
            } finally {
                held.release();
            }
        }));
    }

    private void finish(ChannelHandlerContext ctx, FullHttpRequest request, ConnectResult result, Throwable error) {
        if (error != null) {
            LOG.error("Handshake failed unexpectedly, answered 502: {}", error.toString(), error);
            HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.BAD_GATEWAY,
                    "{\"message\": \"Internal server error\"}"));
            return;
        }
        switch (result) {
            case ConnectResult.Rejected rejected -> HttpResponses.sendAndClose(ctx,
                    HttpResponses.json(HttpResponseStatus.valueOf(rejected.status()), rejected.body()));
            case ConnectResult.Accepted accepted -> accept(ctx, request, accepted);
        }
    }

    private void accept(ChannelHandlerContext ctx, FullHttpRequest request, ConnectResult.Accepted accepted) {
        if (!ctx.channel().isActive()) {
            gateway.closed(accepted.connection(), CloseReason.ABNORMAL);
            return;
        }
        Limits limits = state.limits();
        WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                .maxFramePayloadLength(limits.maxFrameBytes())
                .allowExtensions(limits.permessageDeflate())
                .closeOnProtocolViolation(true)
                .build();
        String url = state.endpoint().webSocketBase() + request.uri();
        WebSocketServerHandshaker handshaker =
                new WebSocketServerHandshakerFactory(url, accepted.subprotocol().orElse(null), config)
                        .newHandshaker(request);
        if (handshaker == null) {
            WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
            gateway.closed(accepted.connection(), CloseReason.ABNORMAL);
            return;
        }
        WebSocketConnectionHandler handler = new WebSocketConnectionHandler(gateway, accepted.connection(), limits,
                state.timeouts());
        handshaker.handshake(ctx.channel(), request).addListener(f -> {
            if (!f.isSuccess()) {
                gateway.closed(accepted.connection(), CloseReason.ABNORMAL);
                return;
            }
            ChannelPipeline p = ctx.pipeline();
            p.addLast("ws-flush", new FlushConsolidationHandler(
                    FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, false));
            p.addLast("ws-utf8", new Utf8FrameValidator(true));
            p.addLast("ws-aggregator", new WebSocketFrameAggregator(limits.maxMessageBytes()));
            p.addLast("ws-connection", handler);
            gateway.opened(accepted.connection(), handler);
            p.remove(HttpRouter.class);
            if (p.get(HttpPhaseTimeout.class) != null) {
                p.remove(HttpPhaseTimeout.class);
            }
            if (p.get(io.netty.handler.codec.http.HttpServerKeepAliveHandler.class) != null) {
                p.remove(io.netty.handler.codec.http.HttpServerKeepAliveHandler.class);
            }
            ctx.channel().config().setAutoRead(true);
        });
    }

    private HandshakeRequest handshake(ChannelHandlerContext ctx, FullHttpRequest request, String stage) {
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        List<Map.Entry<String, String>> headers = state.addresses().handshakeHeaders(ctx.channel(), request.headers(),
                local.getPort(), state.endpoint().secure());
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        Map<String, List<String>> params = new LinkedHashMap<>(query.parameters());
        String host = request.headers().get("Host");
        String domain = host != null ? host : local.getHostString() + ":" + local.getPort();
        String rawQuery = query.rawQuery();
        String client = state.addresses().client(ctx.channel(), request.headers()).getHostAddress();
        return new HandshakeRequest(stage, headers, params, client, domain,
                local.getPort(), state.endpoint().secure(), query.rawPath(), rawQuery == null ? "" : rawQuery);
    }
}
