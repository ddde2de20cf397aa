package io.socketway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a process's CPU time and resident memory from {@code /proc}, and its live heap through {@code jcmd}.
 * Stateless; every method may be called from any thread.
 */
final class Proc {
    /** Clock ticks per second of {@code /proc/PID/stat} (USER_HZ, 100 on Linux). */
    static final int HZ = 100;
    private static final Pattern HISTO_TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)");
    private static final Pattern HISTO_ROW = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_CATEGORY =
            Pattern.compile("(?m)^-\\s+(.+?) \\(reserved=\\d+KB, committed=(\\d+)KB");

    private Proc() {}

    /** Returns user + system CPU time of {@code pid} and its threads, in nanoseconds. */
    static long cpuNanos(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]); // utime, stime (fields 14, 15)
            return ticks * (1_000_000_000L / HZ);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** Returns VmRSS of {@code pid} in bytes, or -1. */
    static long rssBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * Returns the bytes of live objects in the JVM {@code pid} after a full GC ({@code jcmd PID GC.class_histogram},
     * which collects first), or -1.
     */
    static long liveHeapBytes(long pid) {
        String out = run(List.of(jcmd(), Long.toString(pid), "GC.class_histogram"));
        Matcher m = HISTO_TOTAL.matcher(out);
        return m.find() ? Long.parseLong(m.group(2)) : -1;
    }

    /**
     * Returns the live objects of {@code pid} by class after a full GC ({@code jcmd PID GC.class_histogram}): class name
     * to {instances, bytes}; empty when jcmd fails.
     */
    static java.util.Map<String, long[]> classHistogram(long pid) {
        String out = run(List.of(jcmd(), Long.toString(pid), "GC.class_histogram"));
        java.util.Map<String, long[]> classes = new java.util.HashMap<>();
        Matcher m = HISTO_ROW.matcher(out);
        while (m.find()) {
            classes.merge(m.group(3), new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))},
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]});
        }
        return classes;
    }

    /**
     * Returns the committed native memory of {@code pid} by Native Memory Tracking category, in bytes ("Total" too),
     * from {@code jcmd PID VM.native_memory summary}; empty unless the JVM runs with
     * {@code -XX:NativeMemoryTracking=summary}.
     */
    static java.util.Map<String, Long> nativeMemory(long pid) {
        String out = run(List.of(jcmd(), Long.toString(pid), "VM.native_memory", "summary"));
        java.util.Map<String, Long> committed = new java.util.LinkedHashMap<>();
        Matcher total = NMT_TOTAL.matcher(out);
        if (total.find()) {
            committed.put("Total", Long.parseLong(total.group(1)) * 1024);
        }
        Matcher m = NMT_CATEGORY.matcher(out);
        while (m.find()) {
            committed.put(m.group(1).trim(), Long.parseLong(m.group(2)) * 1024);
        }
        return committed;
    }

    /** Returns {@code jcmd PID GC.heap_info} (after {@code GC.run}) for the log. */
    static String heapInfo(long pid) {
        run(List.of(jcmd(), Long.toString(pid), "GC.run"));
        return run(List.of(jcmd(), Long.toString(pid), "GC.heap_info"));
    }

    private static String jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    }

    static String run(List<String> command) {
        return run(command, Path.of("."));
    }

    static String run(List<String> command, Path dir) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
