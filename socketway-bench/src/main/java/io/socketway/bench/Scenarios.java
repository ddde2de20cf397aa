package io.socketway.bench;

import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The throughput and latency scenarios, each measuring baseline and candidate in the same run, interleaved (the order
 * rotates by round): echo closed loop, fixed rate, push, push echo and connect storm. Not thread-safe.
 */
final class Scenarios {
    static final String STAGE = "bench";
    private final BenchConfig cfg;
    private final Report report;

    Scenarios(BenchConfig cfg, Report report) {
        this.cfg = cfg;
        this.report = report;
    }

    /**
     * Runs an unreported closed-loop echo-100 of twice the warm-up time on a new server process, so that JIT
     * compilation (slow on a busy shared core) is over before the first measured round.
     */
    void prime(ServerProcess s) throws Exception {
        BenchConfig twice = new BenchConfig(cfg.repo(), cfg.warmupSeconds(), cfg.warmupSeconds(), 1, cfg.inflight(),
                cfg.payload(), cfg.clientThreads(), cfg.serverCpu(), cfg.taskset(), cfg.serverJvmFlags(),
                cfg.gatewayJvmExtra(), cfg.idleCounts(), cfg.fanoutCounts(), cfg.fanoutModes(), cfg.out());
        try (WsClients c = Loads.clients(cfg, s.wsUri(STAGE))) {
            Loads.closed(twice, s, c, Loads.connect(c, 100), "prime", "", cfg.inflight(), 0, "");
        }
    }

    /** echo-100, echo-1000 (closed loop) and fixed-rate (half the raw maximum at 100 connections). */
    void echo() throws Exception {
        try (ServerProcess raw = ServerProcess.raw(cfg);
                ServerProcess hop = ServerProcess.raw(cfg, true);
                ServerProcess gw = ServerProcess.gateway(cfg, "gateway", cfg.echoTemplate(), List.of(), true)) {
            prime(raw);
            prime(hop);
            prime(gw);
            double rawMax = 0;
            for (int round = 1; round <= cfg.rounds(); round++) {
                for (int conns : List.of(100, 1000)) {
                    for (ServerProcess s : ordered(round, raw, hop, gw)) {
                        Result r = closedEcho(s, "echo-" + conns, conns, round);
                        report.add(r);
                        if (s == raw && conns == 100) {
                            rawMax = Math.max(rawMax, r.rate());
                        }
                    }
                }
            }
            double rate = Math.floor(rawMax / 2);
            report.line(String.format(Locale.ROOT, "fixed-rate: %,.0f msgs/s = half the best raw Netty echo-100 rate", rate));
            for (int round = 1; round <= cfg.rounds(); round++) {
                for (ServerProcess s : ordered(round, raw, hop, gw)) {
                    try (WsClients c = Loads.clients(cfg, s.wsUri(STAGE))) {
                        List<Channel> chs = Loads.connect(c, 100);
                        report.add(Loads.open(cfg, s, c, chs, "fixed-rate-100", rate, round,
                                String.format(Locale.ROOT, "open loop %,.0f/s", rate)));
                    }
                }
            }
        }
    }

    /**
     * Where the echo cost goes: echo-100 closed loop on raw Netty, raw Netty handing each frame to a virtual thread
     * (the floor for a server that keeps application code off its event loop), the gateway with a MOCK integration
     * (transport, routing and dispatch, no function), the gateway with its in-process Java function, the same
     * without metrics, and the same with every function call isolated on a virtual thread of its own
     * ({@code -Dsocketway.isolateFunctions=true}, the cost of the hand-off that inline calls save).
     * Differences in server CPU per message attribute the gap to raw Netty.
     */
    void breakdown() throws Exception {
        java.nio.file.Path mock = cfg.echoTemplate().resolveSibling("echo-mock.yaml");
        try (ServerProcess raw = ServerProcess.raw(cfg);
                ServerProcess hop = ServerProcess.raw(cfg, true);
                ServerProcess gwMock = ServerProcess.gateway(cfg, "gateway-mock", mock, List.of(), true);
                ServerProcess gw = ServerProcess.gateway(cfg, "gateway", cfg.echoTemplate(), List.of(), true);
                ServerProcess gwBare = ServerProcess.gateway(cfg, "gateway-no-metrics", cfg.echoTemplate(),
                        List.of("--no-metrics"), true);
                ServerProcess gwIsolated = ServerProcess.gateway(
                        cfg.withMoreServerJvmFlags(List.of("-Dsocketway.isolateFunctions=true")),
                        "gateway-isolated-calls", cfg.echoTemplate(), List.of(), true)) {
            for (ServerProcess s : List.of(raw, hop, gwMock, gw, gwBare, gwIsolated)) {
                prime(s);
            }
            for (int round = 1; round <= cfg.rounds(); round++) {
                for (ServerProcess s : ordered(round, raw, hop, gwMock, gw, gwBare, gwIsolated)) {
                    report.add(closedEcho(s, "breakdown-echo-100", 100, round));
                }
            }
        }
    }

    private Result closedEcho(ServerProcess s, String scenario, int conns, int round) throws Exception {
        try (WsClients c = Loads.clients(cfg, s.wsUri(STAGE))) {
            List<Channel> chs = Loads.connect(c, conns);
            return Loads.closed(cfg, s, c, chs, scenario, "", cfg.inflight(), round, "W=" + cfg.inflight());
        }
    }

    /**
     * Gateway only, started with {@code --binary-envelope protobuf}: the same two-way {@code echo} route and
     * {@code EchoFunction} reached by a JSON text message ({@code "action":"echo"}) and by a binary protobuf envelope
     * (action {@code echo}, the stamp in {@code body}), both {@code --payload} bytes on the wire, at 100 and 1,000
     * connections, interleaved. The envelope's reply is the function's base64 body sent back as a binary message.
     */
    void proto() throws Exception {
        try (ServerProcess gw = ServerProcess.gateway(cfg, "gateway", cfg.echoTemplate(),
                List.of("--binary-envelope", "protobuf"), true)) {
            prime(gw);
            List<String> formats = List.of("json", "proto");
            for (int round = 1; round <= cfg.rounds(); round++) {
                for (int conns : List.of(100, 1000)) {
                    List<String> order = round % 2 == 0 ? formats.reversed() : formats;
                    for (String format : order) {
                        report.add(envelopeEcho(gw, format, conns, round));
                    }
                }
            }
        }
    }

    private Result envelopeEcho(ServerProcess gw, String format, int conns, int round) throws Exception {
        Loads.Format messages = format.equals("json") ? Loads.Format.json(",\"action\":\"echo\"")
                : Loads.Format.envelope("echo");
        String note = (format.equals("json") ? "text JSON, action echo" : "binary socketway.v1.Envelope, action echo")
                + ", W=" + cfg.inflight();
        try (WsClients c = Loads.clients(cfg, gw.wsUri(STAGE))) {
            List<Channel> chs = Loads.connect(c, conns);
            return Loads.closed(cfg, gw, new long[] {gw.pid()}, c, chs, format + "-echo-" + conns, messages,
                    cfg.inflight(), round, note);
        }
    }

    /**
     * Gateway only: echo-100 (the reference for server CPU per message), push (a backend's POST @connections to 100
     * connections, 16 keep-alive HTTP connections) and push-echo (the function posts the message back).
     */
    void push() throws Exception {
        try (ServerProcess gw = ServerProcess.gateway(cfg, "gateway", cfg.echoTemplate(), List.of(), true)) {
            prime(gw);
            for (int round = 1; round <= cfg.rounds(); round++) {
                report.add(closedEcho(gw, "push-ref-echo-100", 100, round));
                report.add(pushRun(gw, gw, "push-100", 16, round));
                try (WsClients c = Loads.clients(cfg, gw.wsUri(STAGE))) {
                    List<Channel> chs = Loads.connect(c, 100);
                    report.add(Loads.closed(cfg, gw, c, chs, "push-echo-100", ",\"action\":\"pushEcho\"",
                            cfg.inflight(), round, "postToConnection echo, W=" + cfg.inflight()));
                }
            }
        }
    }

    /** Pushes through {@code via} to 100 clients connected to {@code owner}; measures on the WebSocket side. */
    Result pushRun(ServerProcess owner, ServerProcess via, String scenario, int httpConns, int round) throws Exception {
        return pushRun(owner, via, new long[] {owner.pid()}, scenario, httpConns, round, "");
    }

    Result pushRun(ServerProcess owner, ServerProcess via, long[] pids, String scenario, int httpConns, int round,
            String note) throws Exception {
        try (WsClients c = Loads.clients(cfg, owner.wsUri(STAGE))) {
            Loads.connect(c, 100);
            List<String> ids = HttpPusher.listIds(owner.port(), STAGE);
            Loads.Sink sink = new Loads.Sink();
            c.listener((ch, buf, now) -> {
                long t = WsClients.sentAt(buf);
                sink.record(c, t, now);
            });
            try (HttpPusher pusher = HttpPusher.start(c.group(), via.port(), STAGE, ids, httpConns, cfg.payload())) {
                Window.sleepSeconds(cfg.warmupSeconds());
                Window w = Window.start(pids, sink.recorder, sink.count::sum, () -> c.errors() + pusher.failures());
                Window.sleepSeconds(cfg.measureSeconds());
                return w.end(scenario, via == owner ? owner.name() : "via " + via.name(), round,
                        (note.isEmpty() ? "" : note + "; ") + httpConns + " HTTP conns, " + ids.size() + " targets");
            }
        }
    }

    /**
     * remote-echo: the same echo function in-process ({@code $default}) and served over HTTP by another process
     * ({@code remoteEcho} route, {@link RemoteEchoFunction}), closed loop with 100 connections, through the pooled
     * Netty client (the default) and the JDK client ({@code --function-http-client jdk}). Server CPU and RSS of the
     * remote rows add the function process.
     */
    void remoteEcho() throws Exception {
        try (ServerProcess fn = ServerProcess.remoteEchoFunction(cfg)) {
            List<String> url = List.of("--parameter-overrides",
                    "RemoteEchoUrl=http://127.0.0.1:" + fn.port() + "/echo");
            List<String> jdkArgs = new ArrayList<>(url);
            jdkArgs.addAll(List.of("--function-http-client", "jdk"));
            try (ServerProcess netty = ServerProcess.gateway(cfg, "gateway (netty pool)", cfg.echoTemplate(), url,
                            true);
                    ServerProcess jdk = ServerProcess.gateway(cfg, "gateway (jdk client)", cfg.echoTemplate(), jdkArgs,
                            true)) {
                prime(netty);
                prime(jdk);
                for (int round = 1; round <= cfg.rounds(); round++) {
                    report.add(closedEcho(netty, "remote-ref-in-process-echo-100", 100, round));
                    for (ServerProcess s : ordered(round, netty, jdk)) {
                        try (WsClients c = Loads.clients(cfg, s.wsUri(STAGE))) {
                            List<Channel> chs = Loads.connect(c, 100);
                            report.add(Loads.closed(cfg, s, new long[] {s.pid(), fn.pid()}, c, chs,
                                    "remote-echo-100", ",\"action\":\"remoteEcho\"", cfg.inflight(), round,
                                    "echo over HTTP, W=" + cfg.inflight() + "; CPU/RSS include the function"));
                        }
                    }
                }
            }
        }
    }

    /** Handshakes per second, 64 in flight, each connection closed (RST) once open; gateway with a $connect function. */
    void connect() throws Exception {
        try (ServerProcess raw = ServerProcess.raw(cfg);
                ServerProcess hop = ServerProcess.raw(cfg, true);
                ServerProcess gw = ServerProcess.gateway(cfg, "gateway+$connect", cfg.echoTemplate(),
                        List.of("--parameter-overrides", "WithConnect=true"), true)) {
            storm(raw, 64, 0); // unreported warm-up of each server's handshake path
            storm(hop, 64, 0);
            storm(gw, 64, 0);
            for (int round = 1; round <= cfg.rounds(); round++) {
                for (ServerProcess s : ordered(round, raw, hop, gw)) {
                    report.add(storm(s, 64, round));
                }
            }
        }
    }

    private Result storm(ServerProcess s, int concurrency, int round) throws Exception {
        try (WsClients c = Loads.clients(cfg, s.wsUri(STAGE))) {
            Loads.Sink sink = new Loads.Sink();
            Runnable[] one = new Runnable[1];
            one[0] = () -> {
                long t0 = System.nanoTime();
                c.connect(true).whenComplete((ch, e) -> {
                    if (e == null) {
                        sink.recorder.recordValue(System.nanoTime() - t0);
                        sink.count.increment();
                        ch.close();
                    } else {
                        c.error(e);
                    }
                    if (sink.running.get()) {
                        one[0].run();
                    }
                });
            };
            for (int i = 0; i < concurrency; i++) {
                one[0].run();
            }
            Window.sleepSeconds(Math.max(2, cfg.warmupSeconds() / 2));
            Window w = Window.start(s, sink.recorder, sink.count::sum, c::errors);
            Window.sleepSeconds(cfg.measureSeconds());
            String failures = c.errors() == 0 ? "" : "; first failure: " + c.firstError();
            Result r = w.end("connect-storm", s.name(), round, concurrency
                    + " handshakes in flight; latency = TCP connect to 101" + failures);
            sink.running.set(false);
            TimeUnit.MILLISECONDS.sleep(500);
            return r;
        }
    }

    /** Returns the servers in the order of a round: rotated by one each round, so none is always measured first. */
    static List<ServerProcess> ordered(int round, ServerProcess... servers) {
        List<ServerProcess> list = new ArrayList<>(List.of(servers));
        java.util.Collections.rotate(list, round - 1);
        return list;
    }
}
