package io.socketway.bench;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Locale;

/**
 * The batching scenario: the gateway with every batch flushed at once (the default) against the same gateway with an
 * outbound flush window, and, for the push echo, with invocation batches. Each server is its own process; rounds
 * alternate the order. Not thread-safe.
 *
 * <ul>
 *   <li>{@code batch-echo-100}: closed-loop echo on the two-way {@code $default} route, W messages in flight per
 *       connection (W = {@code --inflight}, 16 when left at 1), so replies to one connection come in bursts;
 *   <li>{@code batch-push-echo-100}: the same through {@code pushEcho} (the function posts each body back through
 *       {@code @connections}); the third server (no window) batches the route's invocations;
 *   <li>{@code batch-push-100}: backend pushes over 16 keep-alive HTTP connections to 100 clients;
 *   <li>{@code batch-latency-100}: open loop at {@value #OPEN_RATE} msgs/s over 100 connections, one message in
 *       flight each most of the time, so a window has nothing to coalesce: what the window costs in latency.
 * </ul>
 */
final class BatchingScenarios {
    static final String WINDOW = "5ms";
    static final int WINDOW_MESSAGES = 16;
    static final int INVOCATION_BATCH = 16;
    static final double OPEN_RATE = 5_000;
    private final BenchConfig cfg;
    private final Report report;
    private final Scenarios scenarios;

    BatchingScenarios(BenchConfig cfg, Report report, Scenarios scenarios) {
        this.cfg = cfg;
        this.report = report;
        this.scenarios = scenarios;
    }

    /** Runs every batching measurement, interleaved over the three servers. */
    void run() throws Exception {
        int w = cfg.inflight() == 1 ? 16 : cfg.inflight();
        List<String> window = List.of("--outbound-batch-window", WINDOW,
                "--outbound-batch-messages", Integer.toString(WINDOW_MESSAGES));
        List<String> invocations = List.of("--invocation-batch", "pushEcho=" + INVOCATION_BATCH);
        report.line(String.format(Locale.ROOT, "batching: W=%d; window = `%s`; invocation batch = `%s`", w,
                String.join(" ", window), String.join(" ", invocations)));
        try (ServerProcess plain = gateway("gateway", List.of());
                ServerProcess windowed = gateway("gateway+window", window);
                ServerProcess batched = gateway("gateway+invocation-batch", invocations)) {
            for (ServerProcess s : List.of(plain, windowed, batched)) {
                scenarios.prime(s);
            }
            for (int round = 1; round <= cfg.rounds(); round++) {
                for (ServerProcess s : Scenarios.ordered(round, plain, windowed)) {
                    report.add(closed(s, "batch-echo-100", "", w, round));
                }
                for (ServerProcess s : Scenarios.ordered(round, plain, windowed, batched)) {
                    report.add(closed(s, "batch-push-echo-100", ",\"action\":\"pushEcho\"", w, round));
                }
                for (ServerProcess s : Scenarios.ordered(round, plain, windowed)) {
                    report.add(scenarios.pushRun(s, s, "batch-push-100", 16, round));
                }
                for (ServerProcess s : Scenarios.ordered(round, plain, windowed)) {
                    try (WsClients c = Loads.clients(cfg, s.wsUri(Scenarios.STAGE))) {
                        List<Channel> chs = Loads.connect(c, 100);
                        report.add(Loads.open(cfg, s, c, chs, "batch-latency-100", OPEN_RATE, round,
                                String.format(Locale.ROOT, "open loop %,.0f/s", OPEN_RATE)));
                    }
                }
            }
        }
    }

    private ServerProcess gateway(String name, List<String> extra) throws Exception {
        return ServerProcess.gateway(cfg, name, cfg.echoTemplate(), extra, true);
    }

    private Result closed(ServerProcess s, String scenario, String extra, int w, int round) throws Exception {
        try (WsClients c = Loads.clients(cfg, s.wsUri(Scenarios.STAGE))) {
            List<Channel> chs = Loads.connect(c, 100);
            return Loads.closed(cfg, s, c, chs, scenario, extra, w, round, "W=" + w);
        }
    }
}
