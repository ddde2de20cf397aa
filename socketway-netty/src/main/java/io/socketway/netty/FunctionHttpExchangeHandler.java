package io.socketway.netty;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.socketway.core.FunctionHttpClient;
import io.socketway.core.FunctionHttpException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jspecify.annotations.Nullable;

/**
 * The last handler of a pooled function connection: sends the request of the call that acquired the connection,
 * completes the call with the aggregated response, and gives the connection back to its pool (closed when the
 * response asked so). A connection that closes, fails or times out before the response fails its call, or hands it
 * to {@code retry} when nothing was sent or the request is idempotent on a reused connection with no answer. Closes
 * the connection when it has been idle for the pipeline's idle timeout.
 *
 * <p>Threading: one per connection; all state is touched on the connection's event loop.
 */
final class FunctionHttpExchangeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
    private final FunctionHttpOrigin origin;
    private final int maxResponseBytes;
    private final BiConsumer<NettyFunctionHttpClient.Call, FunctionHttpException> retry;
    private @Nullable ChannelHandlerContext ctx;
    private NettyFunctionHttpClient.@Nullable Call current;
    private int uses;

    FunctionHttpExchangeHandler(FunctionHttpOrigin origin, int maxResponseBytes,
            BiConsumer<NettyFunctionHttpClient.Call, FunctionHttpException> retry) {
        this.origin = origin;
        this.maxResponseBytes = maxResponseBytes;
        this.retry = retry;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
    }

    /** Sends {@code call}'s request on this (acquired) connection; may be called from any thread. */
    void begin(NettyFunctionHttpClient.Call call) {
        ChannelHandlerContext context = ctx;
        Channel channel = context.channel();
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> begin(call));
            return;
        }
        if (call.result.isDone()) {
            call.pool.release(channel);
            return;
        }
        SslHandler tls = context.pipeline().get(SslHandler.class);
        if (!channel.isActive()) {
            call.pool.release(channel);
            if (tls != null && tls.handshakeFuture().cause() != null) {
                call.result.completeExceptionally(handshakeFailure(call, tls.handshakeFuture().cause()));
            } else {
                retry.accept(call, call.failure(FunctionHttpException.Kind.BROKEN, "connection closed", null));
            }
            return;
        }
        current = call;
        call.reused = uses++ > 0;
        call.result.whenComplete((r, e) -> {
            if (e != null) {
                channel.eventLoop().execute(() -> abandon(call));
            }
        });
        if (tls == null) {
            write(call);
        } else {
            tls.handshakeFuture().addListener(handshake -> {
                if (handshake.isSuccess()) {
                    write(call);
                } else if (current == call) {
                    current = null;
                    channel.close();
                    call.pool.release(channel);
                    call.result.completeExceptionally(handshakeFailure(call, handshake.cause()));
                }
            });
        }
    }

    private static FunctionHttpException handshakeFailure(NettyFunctionHttpClient.Call call, Throwable cause) {
        Throwable reason = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        return call.failure(FunctionHttpException.Kind.BROKEN, "TLS handshake failed: " + reason, cause);
    }

    private void write(NettyFunctionHttpClient.Call call) {
        if (current != call) {
            return;
        }
        Channel channel = ctx.channel();
        FullHttpRequest request;
        try {
            request = request(call.request);
        } catch (IllegalArgumentException e) {
            current = null;
            call.pool.release(channel);
            call.result.completeExceptionally(call.failure(FunctionHttpException.Kind.BROKEN,
                    "cannot send the request: " + e.getMessage(), e));
            return;
        }
        ctx.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess() && current == call) {
                current = null;
                channel.close();
                call.pool.release(channel);
                retry.accept(call, call.failure(FunctionHttpException.Kind.BROKEN, String.valueOf(written.cause()),
                        written.cause()));
            }
        });
    }

    private FullHttpRequest request(FunctionHttpClient.Request r) {
        URI uri = r.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(r.method()),
                target, Unpooled.wrappedBuffer(r.body()));
        r.headers().forEach(request.headers()::add);
        request.headers().set(HttpHeaderNames.HOST, origin.hostHeader());
        if (r.body().length > 0 || !(r.method().equals("GET") || r.method().equals("HEAD"))) {
            request.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, r.body().length);
        }
        return request;
    }

    /** Drops the connection of a call that ended (timed out) while waiting for its response. */
    private void abandon(NettyFunctionHttpClient.Call call) {
        if (current == call) {
            current = null;
            Channel channel = ctx.channel();
            channel.close();
            call.pool.release(channel);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext context, FullHttpResponse response) {
        NettyFunctionHttpClient.Call call = current;
        if (call == null) {
            context.close();
            return;
        }
        current = null;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.headers().names()) {
            headers.put(name, response.headers().getAll(name));
        }
        FunctionHttpClient.Response result = new FunctionHttpClient.Response(response.status().code(), headers,
                ByteBufUtil.getBytes(response.content()));
        if (!HttpUtil.isKeepAlive(response)) {
            context.close();
        }
        call.pool.release(context.channel());
        call.result.complete(result);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        NettyFunctionHttpClient.Call call = current;
        if (call != null) {
            current = null;
            call.pool.release(context.channel());
            FunctionHttpException failure = call.failure(FunctionHttpException.Kind.BROKEN,
                    "connection closed before a response arrived", null);
            if (call.reused && call.request.idempotent()) {
                retry.accept(call, failure);
            } else {
                call.result.completeExceptionally(failure);
            }
        }
        super.channelInactive(context);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        NettyFunctionHttpClient.Call call = current;
        current = null;
        context.close();
        if (call == null) {
            return;
        }
        call.pool.release(context.channel());
        if (cause instanceof TooLongFrameException) {
            call.result.completeExceptionally(call.failure(FunctionHttpException.Kind.TOO_LARGE,
                    "response body over " + maxResponseBytes + " bytes (expected: at most --function-http-max-response-bytes)",
                    cause));
        } else {
            call.result.completeExceptionally(call.failure(FunctionHttpException.Kind.BROKEN, String.valueOf(
                    cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                            ? cause.getCause() : cause), cause));
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof IdleStateEvent && current == null) {
            context.close();
            return;
        }
        super.userEventTriggered(context, event);
    }
}
