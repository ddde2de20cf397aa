package io.socketway.netty;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/** Writes plain HTTP answers: JSON bodies, AWS error types, keep-alive or close. Stateless; event-loop only. */
final class HttpResponses {
    private HttpResponses() {}

    /** Returns a response with a JSON body (or none) and an exact {@code Content-Length}. */
    static FullHttpResponse json(HttpResponseStatus status, @Nullable String body) {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        if (body != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
        }
        HttpUtil.setContentLength(response, bytes.length);
        return response;
    }

    /** Returns a response with {@code body} of {@code contentType} and an exact {@code Content-Length}. */
    static FullHttpResponse bytes(HttpResponseStatus status, byte[] body, String contentType) {
        FullHttpResponse response =
                new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        HttpUtil.setContentLength(response, body.length);
        return response;
    }

    /** Returns an AWS error response: the status, {@code x-amzn-ErrorType} and a JSON body. */
    static FullHttpResponse awsError(HttpResponseStatus status, String errorType, String body) {
        FullHttpResponse response = json(status, body);
        response.headers().set("x-amzn-ErrorType", errorType);
        return response;
    }

    /** Writes the response, keeping the connection open when the request allows it. */
    static void send(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        HttpUtil.setKeepAlive(response, keepAlive);
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Writes the response and closes the connection. */
    static void sendAndClose(ChannelHandlerContext ctx, FullHttpResponse response) {
        send(ctx, response, false);
    }
}
