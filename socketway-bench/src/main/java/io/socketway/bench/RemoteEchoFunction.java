package io.socketway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufInputStream;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;

/**
 * The bench's echo function served over HTTP, as a function in another language or process would be: each POSTed
 * Lambda event is answered with the Lambda proxy result {@code {"statusCode":200,"body":<the event's body>}}, the same
 * reply as the in-process {@code EchoFunction}. HTTP/1.1 with keep-alive on Netty (NIO, default worker count).
 *
 * <p>Usage: {@code java -cp socketway-bench.jar io.socketway.bench.RemoteEchoFunction PORT}; prints
 * {@code listening PORT} once bound. Runs until killed. Thread-safe: the handler is stateless and shared.
 */
public final class RemoteEchoFunction {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RemoteEchoFunction() {}

    /** Binds 127.0.0.1:PORT and answers every request with the echo function's result. */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        Echo echo = new Echo();
        Channel channel = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast("http-codec", new HttpServerCodec())
                                .addLast("http-keepalive", new HttpServerKeepAliveHandler())
                                .addLast("http-aggregator", new HttpObjectAggregator(1024 * 1024))
                                .addLast("echo", echo);
                    }
                })
                .bind("127.0.0.1", port)
                .sync()
                .channel();
        System.out.println("listening " + port);
        channel.closeFuture().sync();
    }

    /** Answers a Lambda event with the echo result, or 400 when the body is not a JSON event. */
    @ChannelHandler.Sharable
    static final class Echo extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            FullHttpResponse response;
            try {
                JsonNode event = JSON.readTree(new ByteBufInputStream(request.content()));
                ObjectNode result = JSON.createObjectNode().put("statusCode", 200);
                if (event != null && event.hasNonNull("body")) {
                    result.set("body", event.get("body"));
                }
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                        Unpooled.wrappedBuffer(JSON.writeValueAsBytes(result)));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON);
            } catch (IOException e) {
                response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                        Unpooled.EMPTY_BUFFER);
            }
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response);
        }
    }
}
