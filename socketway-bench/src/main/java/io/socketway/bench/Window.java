package io.socketway.bench;

import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One measurement window: snapshots the server's and the client's CPU time and the operation and error counters at
 * the start, and turns the differences into a {@link Result} at the end. Used by one thread.
 */
final class Window {
    private static final long SELF = ProcessHandle.current().pid();

    private final long[] pids;
    private final LongSupplier count;
    private final LongSupplier errors;
    private final Recorder recorder;
    private final long t0;
    private final long serverCpu0;
    private final long clientCpu0;
    private final long count0;
    private final long errors0;

    private Window(long[] pids, Recorder recorder, LongSupplier count, LongSupplier errors) {
        this.pids = pids;
        this.recorder = recorder;
        this.count = count;
        this.errors = errors;
        recorder.reset();
        this.t0 = System.nanoTime();
        this.serverCpu0 = cpu(pids);
        this.clientCpu0 = Proc.cpuNanos(SELF);
        this.count0 = count.getAsLong();
        this.errors0 = errors.getAsLong();
    }

    /** Starts a window now; the recorder is reset. */
    static Window start(ServerProcess server, Recorder recorder, LongSupplier count, LongSupplier errors) {
        return new Window(new long[] {server.pid()}, recorder, count, errors);
    }

    /** Starts a window over several server processes (CPU and RSS are summed); the recorder is reset. */
    static Window start(long[] pids, Recorder recorder, LongSupplier count, LongSupplier errors) {
        return new Window(pids, recorder, count, errors);
    }

    private static long cpu(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += Proc.cpuNanos(pid);
        }
        return sum;
    }

    private static long rss(long[] pids) {
        long sum = 0;
        for (long pid : pids) {
            sum += Proc.rssBytes(pid);
        }
        return sum;
    }

    /** Ends the window now. */
    Result end(String scenario, String serverName, int round, String note) {
        Histogram h = recorder.getIntervalHistogram();
        long elapsed = System.nanoTime() - t0;
        double serverCores = (cpu(pids) - serverCpu0) / (double) elapsed;
        double clientCores = (Proc.cpuNanos(SELF) - clientCpu0) / (double) elapsed;
        return Result.of(scenario, serverName, round, elapsed / 1e9, count.getAsLong() - count0, h,
                errors.getAsLong() - errors0, serverCores, clientCores, rss(pids) / 1048576.0, note);
    }

    static void sleepSeconds(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }
}
