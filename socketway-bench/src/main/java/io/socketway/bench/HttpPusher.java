package io.socketway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backend pushing through {@code POST /{stage}/@connections/{id}}: {@code k} keep-alive HTTP/1.1 connections on
 * Netty, each with one request in flight (closed loop), cycling over the target ids. Each body is stamped with its
 * send time, so the receiving WebSocket client measures push latency. Thread-safe counters; runs on the given group.
 */
final class HttpPusher implements AutoCloseable {
    private static final Pattern ID = Pattern.compile("\"connectionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern NEXT = Pattern.compile("\"nextToken\"\\s*:\\s*\"([^\"]+)\"");

    private final List<Channel> channels = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicLong responses = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong next = new AtomicLong();
    private final String[] paths;
    private final String host;
    private final int size;

    private HttpPusher(int port, String stage, List<String> ids, int size) {
        this.paths = ids.stream().map(id -> "/" + stage + "/@connections/" + id).toArray(String[]::new);
        this.host = "127.0.0.1:" + port;
        this.size = size;
    }

    /** Opens {@code k} connections to 127.0.0.1:{@code port} and starts pushing. */
    static HttpPusher start(EventLoopGroup group, int port, String stage, List<String> ids, int k, int size)
            throws InterruptedException {
        HttpPusher pusher = new HttpPusher(port, stage, ids, size);
        for (int i = 0; i < k; i++) {
            Channel ch = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                    pusher.new Responses());
                        }
                    })
                    .connect("127.0.0.1", port).sync().channel();
            pusher.channels.add(ch);
        }
        pusher.channels.forEach(ch -> ch.eventLoop().execute(() -> pusher.send(ch)));
        return pusher;
    }

    long responses() {
        return responses.get();
    }

    long failures() {
        return failures.get();
    }

    private void send(Channel ch) {
        if (!running.get() || !ch.isActive()) {
            return;
        }
        ByteBuf body = ch.alloc().buffer(size);
        WsClients.stampInto(body, System.nanoTime(), "", size);
        String path = paths[(int) (next.getAndIncrement() % paths.length)];
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, body);
        req.headers().set(HttpHeaderNames.HOST, host)
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        ch.writeAndFlush(req);
    }

    @Override
    public void close() {
        running.set(false);
        channels.forEach(Channel::close);
    }

    /** Lists a stage's connection ids through the listing extension {@code GET /{stage}/@connections}. */
    static List<String> listIds(int port, String stage) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        List<String> ids = new ArrayList<>();
        String token = null;
        do {
            String url = "http://127.0.0.1:" + port + "/" + stage + "/@connections?limit=1000"
                    + (token == null ? "" : "&nextToken=" + java.net.URLEncoder.encode(token, StandardCharsets.UTF_8));
            String page = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = ID.matcher(page);
            while (m.find()) {
                ids.add(m.group(1));
            }
            Matcher n = NEXT.matcher(page);
            token = n.find() ? n.group(1) : null;
        } while (token != null);
        return ids;
    }

    /** Counts each response and sends the next request on the same connection. */
    private final class Responses extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse res) {
            if (res.status().code() == 200) {
                responses.incrementAndGet();
            } else {
                failures.incrementAndGet();
            }
            send(ctx.channel());
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            failures.incrementAndGet();
            ctx.close();
        }
    }
}
