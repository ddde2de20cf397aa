package io.socketway.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The raw Netty WebSocket echo server that the gateway is measured against: the textbook pipeline
 * ({@code HttpServerCodec}, {@code HttpObjectAggregator}, {@code WebSocketServerProtocolHandler}, an echo handler) on
 * the transport the gateway uses (NIO, one boss thread, Netty's default worker count, backlog 4096, TCP_NODELAY).
 *
 * <p>With {@code --hop}, each frame is instead handed to a new virtual thread, which writes the reply (so the write
 * goes back to the event loop as a task), and each upgrade request goes to a virtual thread and back to the event loop
 * before the handshake completes: the two thread hand-offs per message or handshake that any server pays when it runs
 * application code (a route's function, a {@code $connect} function) off its event loop, and nothing else. The echo,
 * breakdown and connect scenarios measure the gateway against both.
 *
 * <p>With {@code --fanout}, the fan-out baseline: every connection joins a Netty {@code ChannelGroup}; a frame whose
 * text holds {@code "action":"fanoutBatch"} is written to every connection of the group (one shared buffer, a
 * duplicate per channel, each flushed), then {@code {"done":N}} goes to its sender; {@code "action":"fanoutPrepare"}
 * answers {@code {"prepared":N}}; other frames are echoed. The fan-out scenario measures the gateway's fan-out call
 * against it.
 *
 * <p>Usage: {@code java -cp socketway-bench.jar io.socketway.bench.RawEchoServer PORT [PATH] [--hop|--fanout]}; prints
 * {@code listening PORT} once bound. Runs until killed. Thread-safe: the echo handlers are stateless and shared.
 */
public final class RawEchoServer {

    private RawEchoServer() {}

    /** Binds 127.0.0.1:PORT and echoes every text frame on {@code PATH} (default {@code /bench}). */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        String path = args.length > 1 ? args[1] : "/bench";
        boolean hop = args.length > 2 && args[2].equals("--hop");
        boolean fanout = args.length > 2 && args[2].equals("--fanout");
        EventLoopGroup boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        EventLoopGroup workers = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
        ChannelHandler echo = hop ? new HopEcho() : fanout ? new FanOut() : new Echo();
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
                                .addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
                        if (hop) {
                            ch.pipeline().addLast("upgrade-hop", new HopUpgrade());
                        }
                        WebSocketServerProtocolHandler ws =
                                new WebSocketServerProtocolHandler(path, null, false, 128 * 1024);
                        ch.pipeline().addLast("ws-protocol", ws).addLast("ws-echo", echo);
                    }
                })
                .bind("127.0.0.1", port)
                .sync()
                .channel();
        System.out.println("listening " + port);
        channel.closeFuture().sync();
    }

    /** Writes every text frame back to its sender. */
    @ChannelHandler.Sharable
    static final class Echo extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        Echo() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            ctx.writeAndFlush(frame);
        }
    }

    /** The fan-out baseline: see the class comment. */
    @ChannelHandler.Sharable
    static final class FanOut extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        private final ChannelGroup all = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

        FanOut() {
            super(false);
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
            if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                all.add(ctx.channel());
            }
            super.userEventTriggered(ctx, event);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            String text = frame.text();
            if (text.contains("\"action\":\"fanoutBatch\"")) {
                int n = all.size();
                all.writeAndFlush(frame);
                ctx.writeAndFlush(new TextWebSocketFrame("{\"done\":" + n + "}"));
            } else if (text.contains("\"action\":\"fanoutPrepare\"")) {
                frame.release();
                ctx.writeAndFlush(new TextWebSocketFrame("{\"prepared\":" + all.size() + "}"));
            } else {
                ctx.writeAndFlush(frame);
            }
        }
    }

    /** Passes each upgrade request on from a virtual thread, through a task on the event loop; frames pass at once. */
    @ChannelHandler.Sharable
    static final class HopUpgrade extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest) {
                HopEcho.THREADS.execute(() -> ctx.executor().execute(() -> ctx.fireChannelRead(msg)));
            } else {
                ctx.fireChannelRead(msg);
            }
        }
    }

    /**
     * Hands every text frame to a new virtual thread, which writes it back. One frame in flight per connection (the
     * closed-loop echo) keeps replies in order; the gateway orders them with a queue per connection.
     */
    @ChannelHandler.Sharable
    static final class HopEcho extends SimpleChannelInboundHandler<TextWebSocketFrame> {
        static final ExecutorService THREADS = Executors.newVirtualThreadPerTaskExecutor();

        HopEcho() {
            super(false);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, TextWebSocketFrame frame) {
            THREADS.execute(() -> ctx.writeAndFlush(frame));
        }
    }
}
