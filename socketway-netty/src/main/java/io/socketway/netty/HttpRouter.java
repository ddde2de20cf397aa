package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketway.core.Gateway;
import java.util.List;

/**
 * Routes each HTTP request on the shared port: WebSocket upgrades at {@code /{stage}} go to the
 * {@link WebSocketUpgrade}, {@code /{stage}/@connections/...} to the {@link ManagementEndpoint}, and
 * {@code /_socketway/health} and {@code /_socketway/ready} are answered here; the gateway's operations pages
 * (metrics, alarms) go to the {@link StatusPageEndpoint}, and the web console to the {@link ConsoleEndpoint}.
 *
 * <p>Threading: one instance per channel; runs on its event loop and never blocks.
 */
final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Gateway gateway;
    private final ManagementEndpoint management;
    private final ServerState state;
    private final StatusPageEndpoint statusPages;
    private final ConsoleEndpoint console;

    HttpRouter(Gateway gateway, ManagementEndpoint management, ServerState state, StatusPageEndpoint statusPages,
            ConsoleEndpoint console) {
        super(false);
        this.gateway = gateway;
        this.management = management;
        this.state = state;
        this.statusPages = statusPages;
        this.console = console;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        try {
            route(ctx, request);
        } finally {
            request.release();
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            Throwable cause = request.decoderResult().cause();
            HttpResponseStatus status = cause instanceof io.netty.handler.codec.http.TooLongHttpHeaderException
                    ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
                    : cause instanceof io.netty.handler.codec.http.TooLongHttpLineException
                            ? HttpResponseStatus.REQUEST_URI_TOO_LONG
                            : HttpResponseStatus.BAD_REQUEST;
            HttpResponses.sendAndClose(ctx, HttpResponses.json(status,
                    "{\"message\":\"" + status.reasonPhrase() + "\"}"));
            return;
        }
        if (request.uri().length() > gateway.settings().limits().maxUrlLength()) {
            HttpResponses.sendAndClose(ctx, HttpResponses.json(HttpResponseStatus.REQUEST_URI_TOO_LONG,
                    "{\"message\":\"Request-URI Too Long\"}"));
            return;
        }
        String rawPath = new QueryStringDecoder(request.uri()).rawPath();
        var page = isUpgrade(request) ? java.util.Optional.<io.socketway.core.StatusPage>empty()
                : statusPages.page(rawPath);
        if (page.isPresent()) {
            statusPages.handle(ctx, request, page.get(), keepAlive);
            return;
        }
        if (!isUpgrade(request) && ConsoleEndpoint.serves(rawPath)) {
            console.handle(ctx, request, rawPath, keepAlive);
            return;
        }
        List<String> segments = PathSegments.split(rawPath);
        if (segments.size() == 2 && segments.get(0).equals("_socketway") && segments.get(1).equals("drain")) {
            drain(ctx, request, keepAlive);
        } else if (segments.size() == 2 && segments.get(0).equals("_socketway")) {
            health(ctx, segments.get(1), keepAlive);
        } else if (segments.size() >= 2 && PathSegments.isConnections(segments.get(1))) {
            management.handle(ctx, request, segments, keepAlive);
        } else if (!segments.isEmpty() && PathSegments.isConnections(segments.get(0))) {
            // no stage before @connections (an SDK endpoint without the stage): AWS answers 403 Forbidden
            HttpResponses.send(ctx, HttpResponses.awsError(HttpResponseStatus.FORBIDDEN, "ForbiddenException",
                    "{\"message\":\"Forbidden\"}"), keepAlive);
        } else if (segments.size() == 1 && isUpgrade(request)) {
            new WebSocketUpgrade(gateway, state).start(ctx, request, segments.get(0));
        } else if (segments.size() == 1 && request.method().equals(HttpMethod.GET)) {
            HttpResponses.send(ctx, HttpResponses.json(HttpResponseStatus.UPGRADE_REQUIRED,
                    "{\"message\":\"Upgrade Required: connect with a WebSocket client\"}"), keepAlive);
        } else {
            HttpResponses.send(ctx, HttpResponses.json(HttpResponseStatus.NOT_FOUND,
                    "{\"message\":\"Not Found\"}"), keepAlive);
        }
    }

    /**
     * {@code /_socketway/health} is liveness (the process answers); {@code /_socketway/ready} is readiness: listening,
     * functions deployed, the cluster's store reachable (when clustered) and not draining, each reported.
     */
    private void health(ChannelHandlerContext ctx, String what, boolean keepAlive) {
        HttpResponses.send(ctx, health(what, gateway, state), keepAlive);
    }

    /** Answers {@code /_socketway/{what}}: health, ready, or 404. Shared with the metrics listener. */
    static FullHttpResponse health(String what, Gateway gateway, ServerState state) {
        if (what.equals("health")) {
            return HttpResponses.json(HttpResponseStatus.OK, "{\"status\":\"UP\"}");
        }
        if (!what.equals("ready")) {
            return HttpResponses.json(HttpResponseStatus.NOT_FOUND, "{\"message\":\"Not Found\"}");
        }
        boolean functions = state.ready();
        boolean cluster = gateway.clusterReachable();
        boolean draining = gateway.isDraining();
        boolean ok = functions && cluster && !draining;
        return HttpResponses.json(ok ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                "{\"status\":\"" + (ok ? "UP" : "DOWN") + "\",\"checks\":{\"listening\":true,\"functions\":" + functions
                        + ",\"cluster\":" + cluster + ",\"draining\":" + draining + "}}");
    }

    /**
     * {@code POST /_socketway/drain}, protected like {@code @connections}: starts the drain that SIGTERM also starts
     * (new connections refused, every client closed with 1001 so it reconnects elsewhere, in-flight work awaited up to
     * the drain timeout) and answers 202 at once; the process keeps running, unready, until it is stopped.
     */
    private void drain(ChannelHandlerContext ctx, FullHttpRequest request, boolean keepAlive) {
        if (!request.method().equals(HttpMethod.POST)) {
            HttpResponses.send(ctx, HttpResponses.json(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "{\"message\":\"Method Not Allowed\"}"), keepAlive);
            return;
        }
        var refusal = management.access().checkOperations(ctx, request);
        if (refusal.isPresent()) {
            HttpResponses.send(ctx, refusal.get().response(), keepAlive);
            return;
        }
        if (!gateway.isDraining()) {
            gateway.beginDrain(); // unready before the 202 is written, not when the drain thread first runs
            Thread.ofVirtual().name("socketway-drain").start(() -> gateway.drain(gateway.settings().drainTimeout()));
        }
        HttpResponses.send(ctx, HttpResponses.json(HttpResponseStatus.ACCEPTED, "{\"status\":\"DRAINING\",\"timeout\":\""
                + gateway.settings().drainTimeout() + "\"}"), keepAlive);
    }

    static boolean isUpgrade(FullHttpRequest request) {
        return request.method().equals(HttpMethod.GET)
                && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true);
    }
}
