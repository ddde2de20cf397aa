package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.socketway.core.Gateway;
import java.util.List;

/**
 * The handler of the optional metrics listener ({@code --metrics-port}): answers {@code GET} of the metrics page
 * without authentication, plus {@code /_socketway/health} and {@code /_socketway/ready}, and 404 to everything else,
 * so a Prometheus server that cannot sign requests scrapes a port that exposes nothing but numbers.
 *
 * <p>Threading: one instance per channel, on its event loop; rendering runs on a virtual thread (see
 * {@link StatusPageEndpoint}).
 */
final class MetricsListener extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Gateway gateway;
    private final ServerState state;
    private final StatusPageEndpoint metrics;

    MetricsListener(Gateway gateway, ServerState state, StatusPageEndpoint metrics) {
        this.gateway = gateway;
        this.state = state;
        this.metrics = metrics;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        String path = new QueryStringDecoder(request.uri()).rawPath();
        var page = metrics.page(path);
        if (page.isPresent()) {
            metrics.handle(ctx, request, page.get(), keepAlive);
            return;
        }
        List<String> segments = PathSegments.split(path);
        if (segments.size() == 2 && segments.get(0).equals("_socketway")) {
            HttpResponses.send(ctx, HttpRouter.health(segments.get(1), gateway, state), keepAlive);
        } else {
            HttpResponses.send(ctx, HttpResponses.json(HttpResponseStatus.NOT_FOUND, "{\"message\":\"Not Found\"}"),
                    keepAlive);
        }
    }
}
