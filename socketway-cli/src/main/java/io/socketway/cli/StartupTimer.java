package io.socketway.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.StringJoiner;

/**
 * Times the phases of {@code socketway run}'s start-up for one debug line ({@code SOCKETWAY_LOG_LEVEL=debug}), e.g.
 * {@code Started in 812 ms since JVM launch, 1650 ms CPU (JVM 310/700 ms, template 120/260 ms, ...)}: each phase's wall
 * and process CPU time (all threads, from {@code /proc/self/stat} where there is one; CPU is the steadier figure on a
 * busy machine). Functions deploy while the transport starts, so the phase after "listen" is only the time spent
 * waiting for them.
 *
 * <p>Threading: not thread-safe; used by the command's main thread only.
 */
final class StartupTimer {
    private static final Path PROC_STAT = Path.of("/proc/self/stat");
    /** Linux's USER_HZ, the unit of /proc CPU times; 100 on every mainstream architecture. */
    private static final long CLOCK_TICK_MS = 10;

    private final long startNanos = System.nanoTime();
    private final long startCpu = cpuMillis();
    private final StringJoiner phases = new StringJoiner(", ");
    private long lastNanos = startNanos;
    private long lastCpu = startCpu;

    /** Ends the phase called {@code name}, which began when the previous one ended. */
    void phase(String name) {
        long now = System.nanoTime();
        long cpu = cpuMillis();
        phases.add(name + " " + millis(now - lastNanos) + (cpu < 0 ? "" : "/" + (cpu - lastCpu)) + " ms");
        lastNanos = now;
        lastCpu = cpu;
    }

    /** Returns the summary line of every phase so far, with the JVM's own start-up when the OS reports its launch. */
    String summary() {
        long total = System.nanoTime() - startNanos;
        long cpu = cpuMillis();
        long jvm = ProcessHandle.current().info().startInstant()
                .map(launched -> Duration.between(launched, Instant.now()).toNanos() - total)
                .filter(n -> n >= 0)
                .orElse(-1L);
        String cpuTotal = cpu < 0 ? "" : ", " + cpu + " ms CPU";
        String jvmPhase = jvm < 0 ? "" : "JVM " + millis(jvm) + (cpu < 0 ? "" : "/" + startCpu) + " ms, ";
        return "Started in " + millis(Math.max(jvm, 0) + total) + " ms" + (jvm < 0 ? "" : " since JVM launch")
                + cpuTotal + " (wall/CPU: " + jvmPhase + phases + ")";
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /** Returns this process's user plus system CPU time in ms, or -1 where {@code /proc} does not tell it. */
    static long cpuMillis() {
        try {
            String stat = Files.readString(PROC_STAT);
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * CLOCK_TICK_MS;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
