package io.socketway.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.AttributeKey;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The WebSocket side of the load generator: opens many client connections with Netty's
 * {@code WebSocketClientProtocolHandler} from several loopback source addresses (127.0.0.2..127.0.0.9, so ports do not
 * run short), and hands every received text or binary frame to a {@link Listener}.
 *
 * <p>Messages carry their (intended) send time as {@code {"t":"<19-digit System.nanoTime>",...}}; {@link #stamp}
 * writes one and {@link #sentAt} reads it back, so latency needs no per-connection bookkeeping and open-loop latency
 * is measured from the intended send time. Thread-safe; listeners run on the client's event loop.
 */
final class WsClients implements AutoCloseable {
    static final int SOURCES = 8;
    private static final AttributeKey<CompletableFuture<Channel>> READY = AttributeKey.valueOf("ready");
    private static final byte[] PREFIX = "{\"t\":\"".getBytes(StandardCharsets.US_ASCII);
    /** The shortest stamped body: {@code {"t":"<19 digits>","p":""}}. */
    private static final int MIN_STAMP = PREFIX.length + 19 + 9;

    /** Receives text and binary frames (the buffer is released after the call) on the event loop. */
    @FunctionalInterface
    interface Listener {
        void onText(Channel channel, ByteBuf content, long nowNanos);
    }

    private final EventLoopGroup group;
    private final URI uri;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong errors = new AtomicLong();
    private final java.util.concurrent.atomic.AtomicReference<Throwable> firstError =
            new java.util.concurrent.atomic.AtomicReference<>();
    private volatile Listener listener = (c, b, t) -> { };
    private final java.util.concurrent.atomic.LongAdder wireBytes = new java.util.concurrent.atomic.LongAdder();
    private volatile boolean offerDeflate;

    WsClients(URI uri, int threads) {
        this.uri = uri;
        this.group = new MultiThreadIoEventLoopGroup(threads, NioIoHandler.newFactory());
    }

    void listener(Listener value) {
        listener = value;
    }

    long errors() {
        return errors.get();
    }

    /**
     * Makes connections opened from now on offer permessage-deflate (with context takeover, as browsers do; the
     * server may still answer {@code server_no_context_takeover}).
     */
    void offerDeflate(boolean value) {
        offerDeflate = value;
    }

    /** Returns the bytes received on all sockets so far (TCP payload: frames as sent, compressed or not). */
    long wireBytes() {
        return wireBytes.sum();
    }

    /** Returns the first failed handshake's cause, as text, or an empty string. */
    String firstError() {
        Throwable e = firstError.get();
        return e == null ? "" : e.toString();
    }

    void error() {
        errors.incrementAndGet();
    }

    /** Counts a failed handshake and keeps the first cause, for the report. */
    void error(Throwable cause) {
        firstError.compareAndSet(null, cause);
        errors.incrementAndGet();
    }

    EventLoopGroup group() {
        return group;
    }

    /** Opens one connection; the future completes when the handshake has. */
    CompletableFuture<Channel> connect(boolean lingerZero) {
        CompletableFuture<Channel> ready = new CompletableFuture<>();
        InetSocketAddress source = new InetSocketAddress("127.0.0." + (2 + Math.floorMod(next.getAndIncrement(), SOURCES)), 0);
        Bootstrap b = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000)
                .attr(READY, ready)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline()
                                .addLast(new WireCounter())
                                .addLast(new HttpClientCodec())
                                .addLast(new HttpObjectAggregator(64 * 1024));
                        if (offerDeflate) {
                            ch.pipeline().addLast(new io.netty.handler.codec.http.websocketx.extensions
                                    .WebSocketClientExtensionHandler(new io.netty.handler.codec.http.websocketx
                                            .extensions.compression.PerMessageDeflateClientExtensionHandshaker(
                                                    6, false, 15, true, false)));
                        }
                        ch.pipeline()
                                .addLast(new WebSocketClientProtocolHandler(WebSocketClientProtocolConfig.newBuilder()
                                        .webSocketUri(uri).version(WebSocketVersion.V13).allowExtensions(offerDeflate)
                                        .maxFramePayloadLength(1 << 20).handshakeTimeoutMillis(30_000)
                                        .absoluteUpgradeUrl(false).build()))
                                .addLast(new Receiver());
                    }
                });
        if (lingerZero) {
            b.option(ChannelOption.SO_LINGER, 0);
        }
        ChannelFuture f = b.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), source);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                ready.completeExceptionally(done.cause());
            }
        });
        return ready;
    }

    /**
     * Opens {@code n} connections with at most {@code concurrency} handshakes in flight; waits at most
     * {@code timeoutSeconds}. Failed handshakes are counted in {@link #errors()}.
     */
    List<Channel> connectAll(int n, int concurrency, long timeoutSeconds) throws InterruptedException {
        List<Channel> channels = java.util.Collections.synchronizedList(new ArrayList<>(n));
        Semaphore slots = new Semaphore(concurrency);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            if (!slots.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            connect(false).whenComplete((ch, e) -> {
                if (e == null) {
                    channels.add(ch);
                } else {
                    errors.incrementAndGet();
                    firstError.compareAndSet(null, e);
                }
                slots.release();
            });
        }
        slots.tryAcquire(concurrency, Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        return new ArrayList<>(channels);
    }

    /** Returns a text frame whose body starts with the send time {@code nanos}, padded to {@code size} bytes. */
    static TextWebSocketFrame stamp(ByteBufAllocator alloc, long nanos, String extra, int size) {
        ByteBuf buf = alloc.buffer(size);
        stampInto(buf, nanos, extra, size);
        return new TextWebSocketFrame(buf);
    }

    /** Writes {@code {"t":"<nanos>"<extra>,"p":"xxx"}} into {@code buf}, padded to {@code size} bytes when possible. */
    static void stampInto(ByteBuf buf, long nanos, String extra, int size) {
        int start = buf.writerIndex();
        buf.writeBytes(PREFIX);
        String digits = Long.toString(nanos);
        for (int i = digits.length(); i < 19; i++) {
            buf.writeByte('0');
        }
        buf.writeCharSequence(digits, StandardCharsets.US_ASCII);
        buf.writeByte('"');
        buf.writeCharSequence(extra, StandardCharsets.US_ASCII);
        buf.writeCharSequence(",\"p\":\"", StandardCharsets.US_ASCII);
        int pad = size - (buf.writerIndex() - start) - 2;
        for (int i = 0; i < pad; i++) {
            buf.writeByte('x');
        }
        buf.writeCharSequence("\"}", StandardCharsets.US_ASCII);
    }

    /**
     * Returns a binary frame holding a protobuf {@code socketway.v1.Envelope} ({@code docs/envelope.proto}) with this
     * action and a stamped body, the whole envelope padded to {@code size} bytes when possible.
     */
    static BinaryWebSocketFrame envelope(ByteBufAllocator alloc, long nanos, String action, int size) {
        int head = CodedOutputStream.computeStringSize(1, action) + 1; // the action field and the body's tag
        int body = Math.max(MIN_STAMP, size - head - 1);
        body = Math.max(MIN_STAMP, size - head - CodedOutputStream.computeUInt32SizeNoTag(body));
        ByteBuf buf = alloc.buffer(head + CodedOutputStream.computeUInt32SizeNoTag(body) + body);
        CodedOutputStream out = CodedOutputStream.newInstance(buf.nioBuffer(0, buf.capacity()));
        try {
            out.writeString(1, action);
            out.writeTag(2, WireFormat.WIRETYPE_LENGTH_DELIMITED);
            out.writeUInt32NoTag(body);
            out.flush();
        } catch (IOException e) {
            buf.release();
            throw new UncheckedIOException(e);
        }
        buf.writerIndex(out.getTotalBytesWritten());
        stampInto(buf, nanos, "", body);
        return new BinaryWebSocketFrame(buf);
    }

    /** Returns the send time in the body (field 2) of an envelope, or -1 when there is none. */
    static long envelopeSentAt(ByteBuf content) {
        int at = content.readerIndex();
        int end = content.writerIndex();
        while (at < end) {
            int tag = content.getByte(at++);
            if ((tag & 7) != 2 || tag < 0) {
                return -1;
            }
            int length = 0;
            for (int shift = 0; at < end; shift += 7) {
                byte b = content.getByte(at++);
                length |= (b & 0x7f) << shift;
                if (b >= 0) {
                    break;
                }
            }
            if (tag >>> 3 == 2) {
                return sentAt(content.slice(at, Math.min(length, end - at)));
            }
            at += length;
        }
        return -1;
    }

    /** Returns the send time a stamped body carries, or -1 when it carries none. */
    static long sentAt(ByteBuf content) {
        int at = content.readerIndex();
        if (content.readableBytes() < PREFIX.length + 19) {
            return -1;
        }
        for (int i = 0; i < PREFIX.length; i++) {
            if (content.getByte(at + i) != PREFIX[i]) {
                return -1;
            }
        }
        long value = 0;
        for (int i = 0; i < 19; i++) {
            int d = content.getByte(at + PREFIX.length + i) - '0';
            if (d < 0 || d > 9) {
                return -1;
            }
            value = value * 10 + d;
        }
        return value;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** Completes the handshake future and passes text frames on. */
    /** Counts received TCP bytes before any decoding. */
    private final class WireCounter extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ByteBuf buf) {
                wireBytes.add(buf.readableBytes());
            }
            ctx.fireChannelRead(msg);
        }
    }

    private final class Receiver extends ChannelInboundHandlerAdapter {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                ctx.channel().attr(READY).get().complete(ctx.channel());
            } else if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_TIMEOUT) {
                ctx.channel().attr(READY).get().completeExceptionally(new IllegalStateException("handshake timeout"));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof TextWebSocketFrame || msg instanceof BinaryWebSocketFrame) {
                WebSocketFrame frame = (WebSocketFrame) msg;
                try {
                    listener.onText(ctx.channel(), frame.content(), System.nanoTime());
                } finally {
                    frame.release();
                }
            } else {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.channel().flush();
            ctx.fireChannelReadComplete();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            ctx.channel().attr(READY).get().completeExceptionally(new IllegalStateException("closed"));
            ctx.fireChannelInactive();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.channel().attr(READY).get().completeExceptionally(cause);
            ctx.close();
        }
    }
}
