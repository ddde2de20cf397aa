package io.socketway.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * Aggregates HTTP requests up to a limit and answers larger ones with AWS's 413 {@code PayloadTooLargeException}
 * instead of Netty's bare 413, then closes (the rest of the body is not read). Per channel; event-loop only.
 */
final class BoundedHttpAggregator extends HttpObjectAggregator {

    BoundedHttpAggregator(int maxContentLength) {
        super(maxContentLength);
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        HttpResponses.sendAndClose(ctx, HttpResponses.awsError(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "PayloadTooLargeException", "{\"message\":\"Request entity too large\"}"));
    }
}
