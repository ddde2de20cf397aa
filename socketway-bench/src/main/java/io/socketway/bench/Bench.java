package io.socketway.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Runs benchmark scenarios and writes a Markdown table: {@code java -jar socketway-bench.jar [options] [scenario...]}
 * (normally through {@code scripts/bench}). Scenarios: {@code echo} (echo-100, echo-1000, fixed-rate), {@code breakdown}
 * (echo-100 on raw Netty, a MOCK route, the function, the function without metrics), {@code push},
 * {@code remote-echo} (the echo function over HTTP), {@code connect}, {@code idle}, {@code startup}, {@code fanout},
 * {@code compression}, {@code cross-node}, {@code serverless-offline}, {@code proto} (JSON against protobuf-envelope
 * echo), {@code batching} (outbound window and invocation batches), or {@code all} (default). Options: see {@link BenchConfig#parse}. Single-threaded orchestration.
 */
public final class Bench {
    static final List<String> ALL = List.of("startup", "echo", "breakdown", "push", "remote-echo", "connect", "idle",
            "fanout", "compression", "cross-node", "serverless-offline", "proto", "batching");

    private Bench() {}

    /** Runs the scenarios named in {@code args} (all when none). */
    public static void main(String[] args) throws Exception {
        List<String> names = new ArrayList<>();
        BenchConfig cfg = BenchConfig.parse(args, names);
        Set<String> run = new LinkedHashSet<>(names.isEmpty() || names.contains("all") ? ALL : names);
        Report report = new Report(cfg);
        Scenarios scenarios = new Scenarios(cfg, report);
        SystemScenarios system = new SystemScenarios(cfg, report, scenarios);
        for (String name : run) {
            report.line("## " + name);
            try {
                switch (name) {
                    case "echo" -> scenarios.echo();
                    case "breakdown" -> scenarios.breakdown();
                    case "push" -> scenarios.push();
                    case "remote-echo" -> scenarios.remoteEcho();
                    case "connect" -> scenarios.connect();
                    case "idle" -> system.idle();
                    case "startup" -> system.startup();
                    case "fanout" -> system.fanout();
                    case "compression" -> system.compression();
                    case "cross-node" -> system.crossNode();
                    case "serverless-offline" -> system.serverlessOffline();
                    case "proto" -> scenarios.proto();
                    case "batching" -> new BatchingScenarios(cfg, report, scenarios).run();
                    default -> throw new IllegalArgumentException("unknown scenario: " + name + " (expected: " + ALL + ")");
                }
            } catch (Exception e) {
                report.line("- " + name + " FAILED: " + e);
                e.printStackTrace();
            }
            report.write(header(cfg, run));
        }
        System.out.println("results: " + cfg.out());
        System.exit(0);
    }

    private static String header(BenchConfig cfg, Set<String> run) {
        return String.format(Locale.ROOT,
                "# Socketway benchmark results%n%nScenarios %s; warm-up %d s, measure %d s, %d interleaved rounds, "
                        + "payload %d B, W=%d, client threads %d, server core %s (taskset %s); server JVM flags `%s`; "
                        + "client JDK %s; nproc %d.",
                run, cfg.warmupSeconds(), cfg.measureSeconds(), cfg.rounds(), cfg.payload(), cfg.inflight(),
                cfg.clientThreads(), cfg.serverCpu(), cfg.taskset(), String.join(" ", cfg.serverJvmFlags()),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
    }
}
