package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;

/**
 * Aggregates HTTP requests up to a limit and answers larger ones with AWS's 413 {@code PayloadTooLargeException}
 * instead of Netty's bare 413. The rest of the oversized body is read and discarded (closing at once could reset the
 * connection before a client that is still sending reads the 413); {@link HttpPhaseTimeout} still bounds a body that
 * never ends. Per channel; event-loop only.
 */
final class BoundedHttpAggregator extends HttpObjectAggregator {

    BoundedHttpAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        HttpResponses.send(ctx, HttpResponses.awsError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "PayloadTooLargeException", "{\"message\":\"Request entity too large\"}"),
                HttpUtil.isKeepAlive(oversized));
    }
}
