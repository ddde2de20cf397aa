package io.socketway.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * A real HTTP/1.1 backend on a loopback port 0 for function client tests; counts the connections it accepted.
 * {@code /echo} answers the request body, {@code /lambda} a Lambda proxy result with the body {@code from-http},
 * {@code /big} a Lambda proxy result over 64 KB, {@code /hold} and {@code /lambda-hold} answer (a Lambda proxy result with the body
 * {@code held}) only on {@link #releaseHeld},
 * {@code /silent} never answers, {@code /close} answers with {@code Connection: close}, and {@code /drop-once}
 * closes the connection without an answer the first time, then answers {@code ok}.
 */
final class TestHttpBackend implements AutoCloseable {
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel server;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Channel> open = ConcurrentHashMap.newKeySet();
    private final Queue<ChannelHandlerContext> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger maxHeld = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean dropped = new java.util.concurrent.atomic.AtomicBoolean();
    final List<String> methods = new java.util.concurrent.CopyOnWriteArrayList<>();

    TestHttpBackend() {
        this(null);
    }

    TestHttpBackend(@Nullable SslContext tls) {
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        accepted.incrementAndGet();
                        open.add(ch);
                        ch.closeFuture().addListener(f -> open.remove(ch));
                        if (tls != null) {
                            ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline()
                                .addLast(new HttpServerCodec())
                                .addLast(new HttpServerKeepAliveHandler())
                                .addLast(new HttpObjectAggregator(1 << 20))
                                .addLast(new Responder());
                    }
                })
                .bind("127.0.0.1", 0)
                .syncUninterruptibly()
                .channel();
    }

    int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Returns how many connections the backend has accepted. */
    int connectionsAccepted() {
        return accepted.get();
    }

    int heldNow() {
        return held.size();
    }

    /** Returns the largest number of requests held at once. */
    int maxHeld() {
        return maxHeld.get();
    }

    /**
     * Answers the requests held when it is called. A request that arrives meanwhile (a waiting call sent on a
     * connection these answers freed) stays held, so a test can count it.
     */
    void releaseHeld() {
        for (int n = held.size(); n > 0; n--) {
            ChannelHandlerContext c = held.poll();
            c.executor().execute(() -> c.writeAndFlush(response(
                    "{\"statusCode\":200,\"body\":\"held\"}".getBytes(), false)));
        }
    }

    /** Closes every open connection, as a server with a short keep-alive timeout does. */
    void closeConnections() {
        open.forEach(Channel::close);
    }

    private static FullHttpResponse response(byte[] body, boolean close) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(body));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        if (close) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        return response;
    }

    private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            methods.add(request.method().name());
            String path = request.uri();
            switch (path) {
                case "/hold" -> {
                    held.add(ctx);
                    maxHeld.accumulateAndGet(held.size(), Math::max);
                }
                case "/silent" -> { }
                case "/lambda" -> ctx.writeAndFlush(response(
                        "{\"statusCode\":200,\"body\":\"from-http\"}".getBytes(), false));
                case "/lambda-hold" -> {
                    held.add(ctx);
                    maxHeld.accumulateAndGet(held.size(), Math::max);
                }
                case "/big" -> ctx.writeAndFlush(response(("{\"statusCode\":200,\"body\":\"" + "x".repeat(64 * 1024)
                        + "\"}").getBytes(), false));
                case "/drop-once" -> {
                    if (dropped.compareAndSet(false, true)) {
                        ctx.close();
                    } else {
                        ctx.writeAndFlush(response("ok".getBytes(), false));
                    }
                }
                case "/close" -> ctx.writeAndFlush(response("bye".getBytes(), true));
                default -> ctx.writeAndFlush(response(io.netty.buffer.ByteBufUtil.getBytes(request.content()), false));
            }
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
