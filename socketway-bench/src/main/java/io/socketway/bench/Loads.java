package io.socketway.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Recorder;

/**
 * The load shapes over open WebSocket connections: closed loop (each connection keeps W stamped messages in flight)
 * and open loop (a fixed total rate; latency from each message's intended send time, so a slow server cannot slow
 * the measurement down: no coordinated omission). Each call runs warm-up then one measured {@link Window}.
 * Not thread-safe: one orchestrating thread per call.
 */
final class Loads {
    /** The open-loop sender wakes this often; latency includes up to about one period of send-side quantisation. */
    static final long TICK_NANOS = 100_000;

    private Loads() {}

    /** Receives stamped replies into a recorder and counts them; anything else counts as an error. */
    static final class Sink {
        final Recorder recorder = new Recorder(3);
        final LongAdder count = new LongAdder();
        final AtomicBoolean running = new AtomicBoolean(true);

        /** Records a reply stamped {@code sentAt}, received {@code now}; an unstamped one (error frame) is an error. */
        void record(WsClients c, long sentAt, long now) {
            if (sentAt < 0) {
                c.error();
            } else {
                recorder.recordValue(Math.max(0, now - sentAt));
                count.increment();
            }
        }
    }

    /**
     * Closed loop: every connection sends {@code inflight} messages, and one more for each reply (or error frame).
     * {@code extra} is added to each message's JSON (e.g. {@code ,"action":"pushEcho"}).
     */
    static Result closed(BenchConfig cfg, ServerProcess server, WsClients c, List<Channel> chs, String scenario,
            String extra, int inflight, int round, String note) throws InterruptedException {
        return closed(cfg, server, new long[] {server.pid()}, c, chs, scenario, extra, inflight, round, note);
    }

    /** As above, with the server's CPU and RSS summed over {@code pids}. */
    static Result closed(BenchConfig cfg, ServerProcess server, long[] pids, WsClients c, List<Channel> chs,
            String scenario, String extra, int inflight, int round, String note) throws InterruptedException {
        return closed(cfg, server, pids, c, chs, scenario, Format.json(extra), inflight, round, note);
    }

    /** How a closed loop writes a stamped message and reads the stamp back from the reply. */
    interface Format {
        WebSocketFrame frame(ByteBufAllocator alloc, long nanos, int size);

        long sentAt(ByteBuf reply);

        /** Text JSON messages {@code {"t":...<extra>,"p":...}}. */
        static Format json(String extra) {
            return new Format() {
                @Override
                public WebSocketFrame frame(ByteBufAllocator alloc, long nanos, int size) {
                    return WsClients.stamp(alloc, nanos, extra, size);
                }

                @Override
                public long sentAt(ByteBuf reply) {
                    return WsClients.sentAt(reply);
                }
            };
        }

        /** Binary protobuf envelopes with this action and a stamped body ({@link WsClients#envelope}). */
        static Format envelope(String action) {
            return new Format() {
                @Override
                public WebSocketFrame frame(ByteBufAllocator alloc, long nanos, int size) {
                    return WsClients.envelope(alloc, nanos, action, size);
                }

                @Override
                public long sentAt(ByteBuf reply) {
                    return WsClients.envelopeSentAt(reply);
                }
            };
        }
    }

    /** Closed loop with messages of {@code format}. */
    static Result closed(BenchConfig cfg, ServerProcess server, long[] pids, WsClients c, List<Channel> chs,
            String scenario, Format format, int inflight, int round, String note) throws InterruptedException {
        Sink sink = new Sink();
        int size = cfg.payload();
        c.listener((ch, buf, now) -> {
            long t = format.sentAt(buf);
            sink.record(c, t, now);
            if (sink.running.get()) {
                ch.write(format.frame(ch.alloc(), System.nanoTime(), size));
            }
        });
        for (Channel ch : chs) {
            ch.eventLoop().execute(() -> {
                for (int i = 0; i < inflight; i++) {
                    ch.write(format.frame(ch.alloc(), System.nanoTime(), size));
                }
                ch.flush();
            });
        }
        return measure(cfg, server, pids, c, sink, scenario, round, note);
    }

    /** Open loop at {@code rate} messages per second in total, spread round-robin over the connections. */
    static Result open(BenchConfig cfg, ServerProcess server, WsClients c, List<Channel> chs, String scenario,
            double rate, int round, String note) throws InterruptedException {
        Sink sink = new Sink();
        int size = cfg.payload();
        c.listener((ch, buf, now) -> {
            long t = WsClients.sentAt(buf);
            sink.record(c, t, now);
        });
        Channel[] all = chs.toArray(Channel[]::new);
        EventLoop loop = all[0].eventLoop();
        double interval = 1e9 / rate;
        long cap = Math.max(1, (long) (rate / 100)); // catch up by at most 10 ms of sends per tick
        Thread sender = Thread.ofPlatform().name("open-loop-sender").daemon().start(() -> {
            long start = System.nanoTime();
            long sent = 0;
            while (sink.running.get()) {
                long due = (long) ((System.nanoTime() - start) / interval);
                if (due > sent) {
                    long first = sent;
                    long last = Math.min(due, sent + cap);
                    sent = last;
                    loop.execute(() -> {
                        Set<Channel> touched = new LinkedHashSet<>();
                        for (long k = first; k < last; k++) {
                            Channel ch = all[(int) (k % all.length)];
                            ch.write(WsClients.stamp(ch.alloc(), start + (long) (k * interval), "", size));
                            touched.add(ch);
                        }
                        touched.forEach(Channel::flush);
                    });
                }
                LockSupport.parkNanos(TICK_NANOS);
            }
        });
        Result r = measure(cfg, server, new long[] {server.pid()}, c, sink, scenario, round, note);
        sender.join(1000);
        return r;
    }

    private static Result measure(BenchConfig cfg, ServerProcess server, long[] pids, WsClients c, Sink sink,
            String scenario, int round, String note) throws InterruptedException {
        Window.sleepSeconds(cfg.warmupSeconds());
        Window w = Window.start(pids, sink.recorder, sink.count::sum, c::errors);
        Window.sleepSeconds(cfg.measureSeconds());
        Result r = w.end(scenario, server.name(), round, note);
        sink.running.set(false);
        TimeUnit.MILLISECONDS.sleep(300);
        return r;
    }

    /** Opens {@code n} connections to {@code uri} (256 handshakes in flight at most). */
    static List<Channel> connect(WsClients c, int n) throws InterruptedException {
        List<Channel> chs = c.connectAll(n, 256, 120);
        if (chs.size() < n) {
            throw new IllegalStateException("connected " + chs.size() + " of " + n + " (" + c.errors() + " errors; first: "
                    + c.firstError() + ")");
        }
        return chs;
    }

    static WsClients clients(BenchConfig cfg, URI uri) {
        return new WsClients(uri, cfg.clientThreads());
    }
}
