package io.socketway.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtension;
import io.socketway.api.spi.MessageBus.Delivery;
import io.socketway.core.ClientChannel;
import io.socketway.core.FanOutWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.zip.Deflater;
import org.jspecify.annotations.Nullable;

/**
 * Writes one message to many WebSocket channels: the payload is copied once into a direct buffer that every channel
 * shares (each frame holds a retained slice, nothing is copied per connection), and each event loop gets one task
 * that writes to all of its channels and then flushes them. Channels that negotiated permessage-deflate without
 * server context takeover ({@link Compression#sharesFrames}) share one frame compressed once here, with RSV1 set, which
 * Netty's per-connection deflate encoder passes through untouched; other channels get the plain frame, which their
 * own encoder (if any) compresses as for any message. Messages below the deflate threshold are never compressed.
 *
 * <p>Threading: stateless and thread-safe; {@link #write} runs on the caller's thread (an event loop or a virtual
 * thread), admits each message against its connection's outbound buffer there, compresses there, and hands the
 * writes to the channels' event loops, where each connection's {@link OutboundWriter} writes it behind the messages
 * accepted before it (so a fan-out never overtakes a push to the same connection on this node), split into frames at
 * the frame limit and flushed by the connection's batching policy.
 */
final class NettyFanOutWriter implements FanOutWriter {
    static final NettyFanOutWriter INSTANCE = new NettyFanOutWriter();
    private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

    private NettyFanOutWriter() {}

    @Override
    public List<Delivery> write(List<ClientChannel> channels, byte[] data, boolean text) {
        Delivery[] out = new Delivery[channels.size()];
        Map<EventLoop, List<Target>> byLoop = new LinkedHashMap<>();
        Payloads payloads = new Payloads(data);
        try {
            for (int i = 0; i < out.length; i++) {
                out[i] = admit(channels.get(i), data, text, payloads, byLoop);
            }
            byLoop.forEach((loop, targets) -> submit(loop, new LoopWrite(targets, payloads.retain(), text)));
        } finally {
            payloads.release();
        }
        return List.of(out);
    }

    /** Hands the writes to the event loop; when it is shutting down, gives back what the task held. */
    private static void submit(EventLoop loop, LoopWrite write) {
        try {
            loop.execute(write);
        } catch (RejectedExecutionException e) {
            write.targets().forEach(t -> t.handler().unreserve(t.reserved()));
            write.payloads().release();
        }
    }

    private static Delivery admit(ClientChannel client, byte[] data, boolean text, Payloads payloads,
            Map<EventLoop, List<Target>> byLoop) {
        if (!(client instanceof WebSocketConnectionHandler handler)) {
            return FanOutWriter.PER_CHANNEL.write(List.of(client), data, text).get(0);
        }
        Delivery admitted = handler.reserve(data.length);
        Channel ch = handler.channel();
        if (admitted == Delivery.DELIVERED && ch != null) {
            int threshold = handler.limits().deflate().thresholdBytes();
            boolean compressed = data.length > 0 && data.length >= threshold && Compression.sharesFrames(ch);
            if (compressed) {
                payloads.compress();
            }
            byLoop.computeIfAbsent(ch.eventLoop(), l -> new ArrayList<>()).add(new Target(handler, ch, data.length, compressed));
        }
        return admitted;
    }

    /** One channel of a fan-out, the outbound bytes reserved for it, and whether it gets the compressed frame. */
    private record Target(WebSocketConnectionHandler handler, Channel channel, int reserved, boolean compressed) {}

    /** The shared plain payload and, once a channel needs it, the shared compressed one. */
    private static final class Payloads {
        private final byte[] data;
        private final ByteBuf plain;
        private @Nullable ByteBuf compressed;

        Payloads(byte[] data) {
            this.data = data;
            this.plain = ByteBufAllocator.DEFAULT.directBuffer(data.length).writeBytes(data);
        }

        void compress() {
            if (compressed == null) {
                byte[] deflated = deflate(data);
                compressed = ByteBufAllocator.DEFAULT.directBuffer(deflated.length).writeBytes(deflated);
            }
        }

        Payloads retain() {
            plain.retain();
            if (compressed != null) {
                compressed.retain();
            }
            return this;
        }

        void release() {
            plain.release();
            if (compressed != null) {
                compressed.release();
            }
        }
    }

    /** The task that writes a fan-out's message to one event loop's channels, then flushes them. */
    private record LoopWrite(List<Target> targets, Payloads payloads, boolean text) implements Runnable {
        @Override
        public void run() {
            try {
                for (Target t : targets) {
                    ByteBuf payload = t.compressed() ? payloads.compressed : payloads.plain;
                    t.handler().writeReserved(payload.retainedDuplicate(), text,
                            t.compressed() ? WebSocketExtension.RSV1 : 0);
                }
            } finally {
                payloads.release();
            }
        }
    }

    /** Compresses {@code data} as one permessage-deflate message with a fresh context (RFC 7692 §7.2.1). */
    static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(Compression.level(), true);
        try {
            deflater.setInput(data);
            byte[] out = new byte[Math.max(64, data.length / 2 + 16)];
            int n = 0;
            do {
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2);
                }
                n += deflater.deflate(out, n, out.length - n, Deflater.SYNC_FLUSH);
            } while (n == out.length);
            boolean tail = n >= 4 && java.util.Arrays.equals(out, n - 4, n, DEFLATE_TAIL, 0, 4);
            return java.util.Arrays.copyOf(out, tail ? n - 4 : n);
        } finally {
            deflater.end();
        }
    }
}
