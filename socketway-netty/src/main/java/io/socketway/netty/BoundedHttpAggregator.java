package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates HTTP requests up to a limit and answers larger ones with AWS's 413 {@code PayloadTooLargeException}
 * instead of Netty's bare 413. The rest of the oversized body is read and discarded (closing at once could reset the
 * connection before a client that is still sending reads the 413); {@link HttpPhaseTimeout} still bounds a body that
 * never ends. A {@code POST} to {@code /{stage}/@connections} (the fan-out, whose body lists many ids) may be larger:
 * up to {@code maxFanOutLength}; other requests that declare a {@code Content-Length} above {@code maxContentLength}
 * are refused before their body is read (a chunked body is bounded by {@code maxFanOutLength}, and the management
 * API still answers 413 to a single POST above the message limit). Per channel; event-loop only.
 */
final class BoundedHttpAggregator extends HttpObjectAggregator {
    private final int maxOtherLength;

    BoundedHttpAggregator(int maxContentLength) {
        this(maxContentLength, maxContentLength);
    }

    BoundedHttpAggregator(int maxContentLength, int maxFanOutLength) {
        super(Math.max(maxContentLength, maxFanOutLength));
        this.maxOtherLength = maxContentLength;
    }

    @Override
    protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
        int limit = isFanOut(start) ? maxContentLength : Math.min(maxContentLength, maxOtherLength);
        return super.isContentLengthInvalid(start, limit);
    }

    private static boolean isFanOut(HttpMessage message) {
        if (!(message instanceof HttpRequest request) || !request.method().equals(HttpMethod.POST)) {
            return false;
        }
        java.util.List<String> segments = PathSegments.split(new io.netty.handler.codec.http.QueryStringDecoder(
                request.uri()).rawPath());
        return segments.size() == 2 && PathSegments.isConnections(segments.get(1));
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        HttpResponses.send(ctx, HttpResponses.awsError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "PayloadTooLargeException", "{\"message\":\"Request entity too large\"}"),
                HttpUtil.isKeepAlive(oversized));
    }
}
