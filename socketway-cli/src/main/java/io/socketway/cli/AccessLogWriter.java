package io.socketway.cli;

import ch.qos.logback.core.ContextBase;
import ch.qos.logback.core.encoder.EncoderBase;
import ch.qos.logback.core.rolling.FixedWindowRollingPolicy;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeBasedTriggeringPolicy;
import ch.qos.logback.core.util.Duration;
import ch.qos.logback.core.util.FileSize;
import io.socketway.api.spi.AccessLogSink;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes access-log lines to standard output, standard error or a file rotated by size (Logback's
 * {@link RollingFileAppender}: {@code access.log}, then {@code access.log.1} ... {@code access.log.N}).
 *
 * <p>Threading: {@link #write} is thread-safe and never blocks: it puts the line in a bounded queue, or drops it and
 * counts it when the queue is full ({@link #dropped}; a warning is logged at most every ten seconds). One platform
 * thread of its own drains the queue in batches and does all I/O. {@link #close} writes what is queued, then stops.
 */
final class AccessLogWriter implements AccessLogSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AccessLogWriter.class);
    private static final String END = "\u0000end";
    private static final int BATCH = 512;
    private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final BlockingQueue<String> queue;
    private final Target target;
    private final LongAdder dropped = new LongAdder();
    private final Thread thread;
    private long droppedReported;
    private long lastWarning = System.nanoTime() - WARN_EVERY_NANOS;

    private AccessLogWriter(Target target, int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.target = target;
        this.thread = Thread.ofPlatform().name("socketway-access-log").daemon().unstarted(this::run);
        thread.start();
    }

    /** Returns a writer to {@code out} (standard output or error), which it flushes after each batch. */
    static AccessLogWriter to(OutputStream out, int capacity) {
        return new AccessLogWriter(new StreamTarget(out), capacity);
    }

    /**
     * Returns a writer to {@code file}, rotated once it reaches {@code maxBytes}, keeping {@code keep} rotated files
     * ({@code file.1} is the newest).
     */
    static AccessLogWriter rollingFile(Path file, long maxBytes, int keep, int capacity) {
        return new AccessLogWriter(new RollingTarget(file, maxBytes, keep), capacity);
    }

    @Override
    public void write(String stage, String line) {
        if (!queue.offer(line)) {
            dropped.increment();
        }
    }

    /** Returns how many lines were dropped because the queue was full. */
    long dropped() {
        return dropped.sum();
    }

    /** Writes the queued lines and stops the writer thread (waiting up to five seconds). */
    @Override
    public void close() {
        try {
            queue.put(END);
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        target.close();
    }

    private void run() {
        List<String> batch = new ArrayList<>(BATCH);
        StringBuilder text = new StringBuilder();
        try {
            while (true) {
                batch.add(queue.take());
                queue.drainTo(batch, BATCH - 1);
                boolean end = batch.remove(END);
                writeBatch(batch, text);
                batch.clear();
                reportDrops();
                if (end) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeBatch(List<String> batch, StringBuilder text) {
        if (batch.isEmpty()) {
            return;
        }
        text.setLength(0);
        batch.forEach(line -> text.append(line).append('\n'));
        try {
            target.write(text.toString());
        } catch (IOException | RuntimeException e) {
            dropped.add(batch.size());
            LOG.warn("Could not write {} access-log line(s): {}", batch.size(), e.toString());
        }
    }

    private void reportDrops() {
        long total = dropped.sum();
        long now = System.nanoTime();
        if (total > droppedReported && now - lastWarning >= WARN_EVERY_NANOS) {
            LOG.warn("Dropped {} access-log line(s) because the writer could not keep up ({} in all)",
                    total - droppedReported, total);
            droppedReported = total;
            lastWarning = now;
        }
    }

    /** Where batches of lines go; used by the writer thread only. */
    private interface Target {
        void write(String lines) throws IOException;

        void close();
    }

    private record StreamTarget(OutputStream out) implements Target {
        @Override
        public void write(String lines) throws IOException {
            out.write(lines.getBytes(StandardCharsets.UTF_8));
            out.flush();
        }

        @Override
        public void close() {
            try {
                out.flush();
            } catch (IOException e) {
                LOG.debug("Could not flush the access log: {}", e.toString());
            }
        }
    }

    /** A Logback rolling file appender of batches of lines, in a Logback context of its own. */
    private static final class RollingTarget implements Target {
        private final RollingFileAppender<String> appender = new RollingFileAppender<>();

        RollingTarget(Path file, long maxBytes, int keep) {
            ContextBase context = new ContextBase();
            context.setName("socketway-access-log");
            appender.setContext(context);
            appender.setName("access-log");
            appender.setFile(file.toString());
            FixedWindowRollingPolicy rolling = new FixedWindowRollingPolicy();
            rolling.setContext(context);
            rolling.setParent(appender);
            rolling.setFileNamePattern(file + ".%i");
            rolling.setMinIndex(1);
            rolling.setMaxIndex(keep);
            rolling.start();
            SizeBasedTriggeringPolicy<String> size = new SizeBasedTriggeringPolicy<>();
            size.setContext(context);
            size.setMaxFileSize(new FileSize(maxBytes));
            size.setCheckIncrement(Duration.buildByMilliseconds(0));
            size.start();
            LineEncoder encoder = new LineEncoder();
            encoder.setContext(context);
            encoder.start();
            appender.setEncoder(encoder);
            appender.setRollingPolicy(rolling);
            appender.setTriggeringPolicy(size);
            appender.start();
            if (!appender.isStarted()) {
                throw new IllegalArgumentException("--access-log: " + file + " (expected: a file that can be"
                        + " written: " + context.getStatusManager().getCopyOfStatusList() + ")");
            }
        }

        @Override
        public void write(String lines) {
            appender.doAppend(lines);
        }

        @Override
        public void close() {
            appender.stop();
        }
    }

    /** Encodes a batch of lines, already terminated, as UTF-8. */
    private static final class LineEncoder extends EncoderBase<String> {
        @Override
        public byte[] headerBytes() {
            return new byte[0];
        }

        @Override
        public byte[] encode(String lines) {
            return lines.getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] footerBytes() {
            return new byte[0];
        }
    }
}
