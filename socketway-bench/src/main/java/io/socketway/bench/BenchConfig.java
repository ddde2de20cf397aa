package io.socketway.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one benchmark run, from the command line of {@link Bench}. Immutable.
 *
 * @param repo the repository root (jars and templates are found from it)
 * @param warmupSeconds warm-up of each measurement (default 10)
 * @param measureSeconds measured time of each measurement (default 10)
 * @param rounds how many times baseline and candidate are measured, interleaved (default 2)
 * @param inflight messages in flight per connection in closed-loop scenarios (default 1)
 * @param payload message size in bytes (default 64)
 * @param clientThreads client event-loop threads (default 1: the client has one core)
 * @param serverCpu the core servers are pinned to ({@code taskset -c}, default 1)
 * @param taskset whether {@code taskset} is used (when installed)
 * @param serverJvmFlags JVM flags of every server process, raw Netty and gateway alike
 * @param gatewayJvmExtra extra flags for gateway processes only ({@code --gateway-jvm-flags "..."}; a JFR recording per
 *     process with {@code --jfr DIR})
 * @param idleCounts connection counts of the idle-hold scenario
 * @param fanoutCounts connection counts of the fan-out scenario
 * @param fanoutModes how the fan-out function reaches its recipients: {@code batch} (one
 *     {@code POST /{stage}/@connections} call, the default) and/or {@code per-recipient} (one POST per id, 64 in
 *     flight, as a Lambda function on AWS must)
 * @param out where the Markdown results go
 */
record BenchConfig(Path repo, int warmupSeconds, int measureSeconds, int rounds, int inflight, int payload,
        int clientThreads, String serverCpu, boolean taskset, List<String> serverJvmFlags, List<String> gatewayJvmExtra,
        List<Integer> idleCounts, List<Integer> fanoutCounts, List<String> fanoutModes, Path out) {

    /** The fan-out modes {@code --fanout-mode} accepts. */
    static final List<String> FANOUT_MODES = List.of("batch", "per-recipient");

    /** The {@code socketway} launcher's JVM flags plus a 1 GB heap, for raw Netty and gateway alike. */
    static final List<String> DEFAULT_JVM_FLAGS = defaultJvmFlags();

    private static List<String> defaultJvmFlags() {
        List<String> flags = new ArrayList<>(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseG1GC",
                "-XX:G1PeriodicGCInterval=10000", "-Xss512k", "-Xmx1g"));
        if (Runtime.version().feature() >= 25) {
            flags.add("-XX:+UseCompactObjectHeaders");
        }
        return List.copyOf(flags);
    }

    /** Returns this configuration with {@code more} JVM flags for every server process. */
    BenchConfig withMoreServerJvmFlags(List<String> more) {
        List<String> flags = new ArrayList<>(serverJvmFlags);
        flags.addAll(more);
        return new BenchConfig(repo, warmupSeconds, measureSeconds, rounds, inflight, payload, clientThreads, serverCpu,
                taskset, List.copyOf(flags), gatewayJvmExtra, idleCounts, fanoutCounts, fanoutModes, out);
    }

    /** Returns this configuration with servers pinned to {@code cpu} ({@code taskset -c} syntax, e.g. {@code 0-1}). */
    BenchConfig withServerCpu(String cpu) {
        return new BenchConfig(repo, warmupSeconds, measureSeconds, rounds, inflight, payload, clientThreads, cpu,
                taskset, serverJvmFlags, gatewayJvmExtra, idleCounts, fanoutCounts, fanoutModes, out);
    }

    Path benchJar() {
        return repo.resolve("socketway-bench/target/socketway-bench.jar");
    }

    Path cliJar() {
        return repo.resolve("socketway-cli/target/socketway.jar");
    }

    Path echoTemplate() {
        return repo.resolve("socketway-bench/templates/echo.yaml");
    }

    Path chatTemplate() {
        return repo.resolve("examples/chat/template.yaml");
    }

    Path logDir() {
        return repo.resolve("socketway-bench/target/bench-logs");
    }

    /** Parses {@code --name value} options; the rest are scenario names, returned in {@code scenarios}. */
    static BenchConfig parse(String[] args, List<String> scenarios) {
        Path repo = Path.of(".").toAbsolutePath().normalize();
        int warmup = 10, measure = 10, rounds = 2, inflight = 1, payload = 64, threads = 1;
        String cpu = "1";
        boolean taskset = Path.of("/usr/bin/taskset").toFile().canExecute();
        List<String> flags = new ArrayList<>(DEFAULT_JVM_FLAGS);
        List<String> gatewayExtra = new ArrayList<>();
        List<Integer> idle = List.of(10_000);
        List<Integer> fanout = List.of(1_000, 10_000);
        List<String> fanoutModes = List.of("batch");
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--repo" -> repo = Path.of(args[++i]).toAbsolutePath().normalize();
                case "--warmup" -> warmup = Integer.parseInt(args[++i]);
                case "--measure" -> measure = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--inflight" -> inflight = Integer.parseInt(args[++i]);
                case "--payload" -> payload = Integer.parseInt(args[++i]);
                case "--client-threads" -> threads = Integer.parseInt(args[++i]);
                case "--server-cpu" -> cpu = args[++i];
                case "--no-taskset" -> taskset = false;
                case "--server-jvm-flags" -> flags = List.of(args[++i].trim().split("\\s+"));
                case "--gateway-jvm-flags" -> gatewayExtra.addAll(List.of(args[++i].trim().split("\\s+")));
                case "--jfr" -> gatewayExtra.add("-XX:StartFlightRecording=filename=" + jfrDirectory(args[++i])
                        + "/gateway-%p.jfr,settings=profile");
                case "--idle" -> idle = ints(args[++i]);
                case "--fanout" -> fanout = ints(args[++i]);
                case "--fanout-mode" -> fanoutModes = modes(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> {
                    if (a.startsWith("--")) {
                        throw new IllegalArgumentException("unknown option: " + a);
                    }
                    scenarios.add(a);
                }
            }
        }
        if (out == null) {
            out = repo.resolve("socketway-bench/target/bench-results.md");
        }
        return new BenchConfig(repo, warmup, measure, rounds, inflight, payload, threads, cpu, taskset,
                List.copyOf(flags), List.copyOf(gatewayExtra), idle, fanout, fanoutModes, out);
    }

    private static List<String> modes(String csv) {
        List<String> modes = java.util.Arrays.stream(csv.split(",")).map(String::trim).toList();
        for (String m : modes) {
            if (!FANOUT_MODES.contains(m)) {
                throw new IllegalArgumentException("--fanout-mode: " + m + " (expected: " + FANOUT_MODES + ")");
            }
        }
        return modes;
    }

    private static List<Integer> ints(String csv) {
        return java.util.Arrays.stream(csv.split(",")).map(String::trim).map(Integer::parseInt).toList();
    }

    /** Creates the directory that {@code --jfr} names (the JVM will not) and returns its absolute path. */
    private static Path jfrDirectory(String dir) {
        try {
            return java.nio.file.Files.createDirectories(Path.of(dir).toAbsolutePath());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--jfr " + dir + ": cannot create the directory: " + e.getMessage(), e);
        }
    }
}
