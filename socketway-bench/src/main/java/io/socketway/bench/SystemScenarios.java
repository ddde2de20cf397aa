package io.socketway.bench;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * The scenarios that measure the server rather than a message stream: idle hold (memory per connection), start-up,
 * fan-out and cross-node pushes on a private {@code redis-server}. Not thread-safe.
 */
final class SystemScenarios {
    private final BenchConfig cfg;
    private final Report report;
    private final Scenarios scenarios;

    /**
     * How long RSS is left to settle after the full GC before it is read: a JVM that returns free heap to the OS
     * (G1 after a full GC, ZGC with {@code -XX:ZUncommitDelay} up to 10 s) has done so by then.
     */
    private static final int RSS_SETTLE_SECONDS = 12;

    SystemScenarios(BenchConfig cfg, Report report, Scenarios scenarios) {
        this.cfg = cfg;
        this.report = report;
        this.scenarios = scenarios;
    }

    /** Live heap (after full GC) and RSS per idle connection, raw Netty vs gateway, for each configured count. */
    void idle() throws Exception {
        for (int n : cfg.idleCounts()) {
            for (int round = 1; round <= Math.min(2, cfg.rounds()); round++) {
                for (boolean gateway : round % 2 == 1 ? new boolean[] {false, true} : new boolean[] {true, false}) {
                    try (ServerProcess s = gateway
                            ? ServerProcess.gateway(cfg, "gateway", cfg.echoTemplate(), List.of(), true)
                            : ServerProcess.raw(cfg)) {
                        idleOne(s, n, round);
                    }
                }
            }
        }
    }

    private void idleOne(ServerProcess s, int n, int round) throws Exception {
        try (WsClients c = Loads.clients(cfg, s.wsUri(Scenarios.STAGE))) {
            List<Channel> warm = Loads.connect(c, 1000);
            warm.forEach(Channel::close);
            TimeUnit.SECONDS.sleep(2);
            Map<String, long[]> histo0 = Proc.classHistogram(s.pid());
            Map<String, Long> native0 = Proc.nativeMemory(s.pid());
            long heap0 = total(histo0);
            TimeUnit.SECONDS.sleep(RSS_SETTLE_SECONDS);
            long rss0 = s.rssBytes();
            long cpu0 = Proc.cpuNanos(s.pid());
            long t0 = System.nanoTime();
            List<Channel> chs = Loads.connect(c, n);
            double connectSeconds = (System.nanoTime() - t0) / 1e9;
            double cpuPerConnect = (Proc.cpuNanos(s.pid()) - cpu0) / 1e3 / chs.size();
            TimeUnit.SECONDS.sleep(3);
            Map<String, long[]> histo1 = Proc.classHistogram(s.pid());
            Map<String, Long> native1 = Proc.nativeMemory(s.pid());
            long heap1 = total(histo1);
            TimeUnit.SECONDS.sleep(RSS_SETTLE_SECONDS);
            long rss1 = s.rssBytes();
            String heapInfo = Proc.heapInfo(s.pid()).replaceAll("\\s+", " ").trim();
            double heapPer = (heap1 - heap0) / (double) chs.size();
            double rssPer = (rss1 - rss0) / (double) chs.size();
            report.add(new Result("idle-" + n, s.name(), round, chs.size() / connectSeconds, chs.size(), -1, -1, -1,
                    -1, -1, c.errors(), -1, -1, rss1 / 1048576.0, String.format(Locale.ROOT,
                            "heap/conn %.0f B, RSS/conn %.0f B (live heap %.1f→%.1f MB, RSS %.1f→%.1f MB); "
                                    + "%.0f µs CPU/connect; ops/s = connects/s",
                            heapPer, rssPer, heap0 / 1048576.0, heap1 / 1048576.0, rss0 / 1048576.0, rss1 / 1048576.0,
                            cpuPerConnect)));
            report.line("- idle-" + n + " " + s.name() + " live heap per connection by class: "
                    + perConnection(histo0, histo1, chs.size()));
            if (!native1.isEmpty()) {
                report.line("- idle-" + n + " " + s.name() + " committed native memory per connection (NMT): "
                        + nativePerConnection(native0, native1, chs.size()));
            }
            report.line("- idle-" + n + " " + s.name() + " heap_info after: `" + abbreviate(heapInfo) + "`");
        }
    }

    private static long total(Map<String, long[]> histogram) {
        return histogram.values().stream().mapToLong(v -> v[1]).sum();
    }

    /** The classes whose live bytes grew most, per connection: "name bytes B (instances)". */
    private static String perConnection(Map<String, long[]> before, Map<String, long[]> after, int n) {
        return after.entrySet().stream()
                .map(e -> {
                    long[] b = before.getOrDefault(e.getKey(), new long[2]);
                    return Map.entry(e.getKey(), new long[] {e.getValue()[0] - b[0], e.getValue()[1] - b[1]});
                })
                .filter(e -> e.getValue()[1] >= n / 2)
                .sorted((x, y) -> Long.compare(y.getValue()[1], x.getValue()[1]))
                .limit(40)
                .map(e -> String.format(Locale.ROOT, "`%s` %.0f B (%.2f)", e.getKey(),
                        e.getValue()[1] / (double) n, e.getValue()[0] / (double) n))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** NMT categories whose committed memory changed, per connection. */
    private static String nativePerConnection(Map<String, Long> before, Map<String, Long> after, int n) {
        return after.entrySet().stream()
                .filter(e -> Math.abs(e.getValue() - before.getOrDefault(e.getKey(), 0L)) >= n)
                .map(e -> String.format(Locale.ROOT, "%s %.0f B", e.getKey(),
                        (e.getValue() - before.getOrDefault(e.getKey(), 0L)) / (double) n))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "…" : s;
    }

    /**
     * Launch to first accepted WebSocket connection, then the first and second message round trips: raw Netty, the
     * bench echo template and the chat example (whose {@code $connect} runs its function during the first handshake).
     */
    void startup() throws Exception {
        int repeats = Math.max(3, cfg.rounds());
        for (String kind : List.of("raw-netty", "gateway-echo", "gateway-chat")) {
            for (int i = 1; i <= repeats; i++) {
                startupOne(kind, kind, cfg, i);
            }
        }
        // As the socketway launcher runs it: class data sharing, the archive recorded by a first (unreported) run;
        // raw Netty gets its own archive the same way
        for (String kind : List.of("raw-netty", "gateway-chat")) {
            java.nio.file.Path jsa = cfg.repo().resolve("socketway-bench/target/cds/" + kind + ".jsa");
            java.nio.file.Files.createDirectories(jsa.getParent());
            java.nio.file.Files.deleteIfExists(jsa);
            BenchConfig cds = cfg.withMoreServerJvmFlags(List.of("-XX:+AutoCreateSharedArchive",
                    "-XX:SharedArchiveFile=" + jsa, "-Xlog:cds*=off"));
            startupOne(kind, kind + "+cds", cds, 0);
            for (int i = 1; i <= repeats; i++) {
                startupOne(kind, kind + "+cds", cds, i);
            }
        }
        if (Runtime.version().feature() < 25) {
            return;
        }
        // The JDK 25 AOT cache (JEP 483/514/515: classes loaded and linked, method profiles), written by a first
        // (unreported) training launch when it exits; -XX:AOTMode=on makes a launch fail rather than run without it
        for (String kind : List.of("raw-netty", "gateway-chat")) {
            java.nio.file.Path aot = cfg.repo().resolve("socketway-bench/target/aot/" + kind + ".aot");
            java.nio.file.Files.createDirectories(aot.getParent());
            java.nio.file.Files.deleteIfExists(aot);
            startupOne(kind, kind + "+aot", cfg.withMoreServerJvmFlags(List.of("-XX:AOTCacheOutput=" + aot)), 0);
            BenchConfig cached = cfg.withMoreServerJvmFlags(List.of("-XX:AOTMode=on", "-XX:AOTCache=" + aot));
            for (int i = 1; i <= repeats; i++) {
                startupOne(kind, kind + "+aot", cached, i);
            }
            // As `./socketway run` starts on this machine: the server on every core (the client only polls for the
            // first handshake), so the functions deploy while Netty starts and the JIT compiles beside the main thread
            int cores = allCores();
            String all = "0-" + (cores - 1);
            if (cfg.taskset() && cores > 1 && !cfg.serverCpu().equals(all)) {
                for (int i = 1; i <= repeats; i++) {
                    startupOne(kind, kind + "+aot, all cores", cached.withServerCpu(all), i);
                }
            }
        }
    }

    /** The machine's cores, not only those this (pinned) process may use; 1 where {@code /proc} does not tell. */
    private static int allCores() {
        try {
            return (int) Math.max(1, java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("processor")).count());
        } catch (java.io.IOException e) {
            return 1;
        }
    }

    /**
     * One launch of {@code kind}, reported as {@code name}, with {@code conf}'s JVM flags; round 0 is not reported (it
     * records the archive).
     */
    private void startupOne(String kind, String name, BenchConfig conf, int round) throws Exception {
        String stage = kind.equals("gateway-chat") ? "dev" : Scenarios.STAGE;
        try (WsClients c = new WsClients(java.net.URI.create("ws://127.0.0.1:1/x"), 1)) {
            // The client is created before launch, so its own class loading is not counted.
            ServerProcess s = switch (kind) {
                case "raw-netty" -> ServerProcess.raw(conf, false, name);
                case "gateway-echo" -> ServerProcess.gateway(conf, name, conf.echoTemplate(), List.of(), false);
                default -> ServerProcess.gateway(conf, name, conf.chatTemplate(), List.of(), false);
            };
            try (s) {
                WsClients ws = new WsClients(s.wsUri(stage), 1);
                try (ws) {
                    Channel ch = firstConnection(ws, s);
                    long accepted = System.nanoTime() - s.launchedNanos();
                    double cpuMs = s.cpuNanos() / 1e6; // CPU the process used until then: less sensitive to a busy machine
                    double first = roundTrip(ws, ch, kind);
                    double second = roundTrip(ws, ch, kind);
                    if (round == 0) {
                        return;
                    }
                    report.add(new Result("startup", s.name(), round, -1, 1, first, -1, second, -1, -1, ws.errors(), -1, -1,
                            s.rssBytes() / 1048576.0, String.format(Locale.ROOT,
                                    "launch→first WebSocket accepted %.0f ms (server CPU until then %.0f ms); p50 column = first message round trip, p99 column = second",
                                    accepted / 1e6, cpuMs)));
                }
            }
        }
    }

    private static Channel firstConnection(WsClients ws, ServerProcess s) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && s.alive()) {
            try {
                return ws.connect(true).get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                TimeUnit.MILLISECONDS.sleep(2);
            }
        }
        throw new IllegalStateException(s.name() + " never accepted a WebSocket connection");
    }

    private static double roundTrip(WsClients ws, Channel ch, String kind) throws Exception {
        CompletableFuture<Long> reply = new CompletableFuture<>();
        ws.listener((c, buf, now) -> reply.complete(now));
        long t0 = System.nanoTime();
        String body = kind.equals("gateway-chat") ? "{\"action\":\"nope\"}" : "{\"t\":\"0\",\"p\":\"x\"}";
        ch.writeAndFlush(new TextWebSocketFrame(body));
        return (reply.get(30, TimeUnit.SECONDS) - t0) / 1e6;
    }

    /**
     * One message makes the function push to every connection of the stage ({@code fanoutPrepare} lists them once
     * first); per-recipient latency from the trigger's send time, and the time until all have received. Each
     * {@code --fanout-mode}: {@code batch} (one {@code POST /{stage}/@connections}) or {@code per-recipient}. The
     * baseline is raw Netty writing the trigger to a {@code ChannelGroup} of every connection
     * ({@code RawEchoServer --fanout}), measured the same way.
     */
    void fanout() throws Exception {
        for (int n : cfg.fanoutCounts()) {
            try (ServerProcess raw = ServerProcess.raw(cfg, "raw-netty", List.of("--fanout"));
                    WsClients c = Loads.clients(cfg, raw.wsUri(Scenarios.STAGE))) {
                List<Channel> chs = Loads.connect(c, n);
                FanoutRun run = fanoutRounds(raw, c, chs, n, r -> ",\"action\":\"fanoutBatch\"", cfg.payload(),
                        "fanout-" + n + " raw-netty");
                report.add(run.result("fanout-" + n, "raw-netty (channel group)", c.errors(), raw,
                        "a ChannelGroup write of the trigger frame to every connection"));
            }
            for (String mode : cfg.fanoutModes()) {
                try (ServerProcess gw = ServerProcess.gateway(cfg, "gateway", cfg.echoTemplate(), List.of(), true);
                        WsClients c = Loads.clients(cfg, gw.wsUri(Scenarios.STAGE))) {
                    List<Channel> chs = Loads.connect(c, n);
                    String action = mode.equals("batch") ? "fanoutBatch" : "fanout";
                    FanoutRun run = fanoutRounds(gw, c, chs, n, r -> ",\"action\":\"" + action + "\"",
                            cfg.payload(), "fanout-" + n + " " + mode);
                    report.add(run.result("fanout-" + n, "gateway (" + mode + ")", c.errors(), gw, String.format(
                            Locale.ROOT, "%s; %s", mode.equals("batch") ? "one fan-out call"
                                    : PUSHES_IN_FLIGHT + " pushes in flight", run.prepared())));
                }
            }
        }
    }

    /**
     * Bytes on the wire against server CPU for a compressible 2 KB JSON message fanned out (batch) to the first
     * {@code --fanout} count of clients that offer permessage-deflate: compression off, per-connection compression
     * (context takeover), and compressed once ({@code --deflate-no-context-takeover}).
     */
    void compression() throws Exception {
        int n = cfg.fanoutCounts().get(0);
        java.util.function.IntFunction<String> extra = r -> ",\"action\":\"fanoutBatch\",\"items\":" + prices(2048, r);
        Map<String, List<String>> variants = new LinkedHashMap<>();
        variants.put("off", List.of());
        variants.put("per-connection", List.of("--permessage-deflate"));
        variants.put("compress-once", List.of("--permessage-deflate", "--deflate-no-context-takeover"));
        for (var variant : variants.entrySet()) {
            try (ServerProcess gw = ServerProcess.gateway(cfg, "gateway", cfg.echoTemplate(), variant.getValue(), true);
                    WsClients c = Loads.clients(cfg, gw.wsUri(Scenarios.STAGE))) {
                c.offerDeflate(true);
                List<Channel> chs = Loads.connect(c, n);
                FanoutRun run = fanoutRounds(gw, c, chs, n, extra, 0, "compression-" + n + " " + variant.getKey());
                int messageBytes = extra.apply(0).length() + 40;
                report.add(run.result("compression-" + n, "gateway (" + variant.getKey() + ")", c.errors(), gw,
                        String.format(Locale.ROOT, "message %d B; %.0f B on the wire per recipient message; server CPU"
                                        + " %.1f ms per fan-out (%.2f us per recipient)",
                                messageBytes, run.wireBytes() / (double) (run.rounds() * (long) n),
                                run.cpuSeconds() * 1e3 / run.rounds(), run.cpuSeconds() * 1e6 / run.rounds() / n)));
            }
        }
    }

    private static final int PUSHES_IN_FLIGHT = 64;

    /** Unmeasured rounds before the measured ones, so that the JIT has compiled the fan-out path. */
    private static final int WARMUP_ROUNDS = 3;

    /** What the measured rounds of one fan-out run saw (warm-up rounds are not counted). */
    private record FanoutRun(Histogram latency, List<Double> completions, String prepared, int rounds,
            long wireBytes, double cpuSeconds) {
        Result result(String scenario, String server, long errors, ServerProcess gw, String note) {
            return new Result(scenario, server, 1, -1, latency.getTotalCount(),
                    Result.ms(latency.getValueAtPercentile(50)), Result.ms(latency.getValueAtPercentile(90)),
                    Result.ms(latency.getValueAtPercentile(99)), Result.ms(latency.getValueAtPercentile(99.9)),
                    Result.ms(latency.getMaxValue()), errors, -1, -1, gw.rssBytes() / 1048576.0,
                    String.format(Locale.ROOT, "%d rounds; time to all received: median %.1f ms, worst %.1f ms; "
                                    + "server CPU %.1f s over the measured rounds; %s", rounds,
                            completions.get(completions.size() / 2), completions.get(completions.size() - 1),
                            cpuSeconds, note));
        }
    }

    /** Runs the warm-up rounds and the measured rounds; round {@code r}'s trigger carries {@code extra.apply(r)}. */
    private FanoutRun fanoutRounds(ServerProcess gw, WsClients c, List<Channel> chs, int n,
            java.util.function.IntFunction<String> extra, int size, String label) throws Exception {
        Loads.Sink sink = new Loads.Sink();
        AtomicReference<CompletableFuture<String>> control = new AtomicReference<>(new CompletableFuture<>());
        AtomicLong received = new AtomicLong();
        AtomicLong last = new AtomicLong();
        c.listener((ch, buf, now) -> {
            long t = WsClients.sentAt(buf);
            if (t < 0) {
                control.get().complete(buf.toString(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                sink.recorder.recordValue(Math.max(0, now - t));
                received.incrementAndGet();
                last.accumulateAndGet(now - t, Math::max);
            }
        });
        Channel trigger = chs.get(0);
        trigger.writeAndFlush(new TextWebSocketFrame("{\"action\":\"fanoutPrepare\"}"));
        String prepared = control.get().get(60, TimeUnit.SECONDS);
        int rounds = Math.max(3, cfg.rounds() * 2);
        Histogram all = new Histogram(3);
        List<Double> completions = new ArrayList<>();
        long serverCpu0 = 0;
        long wire0 = 0;
        for (int r = 1 - WARMUP_ROUNDS; r <= rounds; r++) {
            if (r == 1) {
                serverCpu0 = gw.cpuNanos();
                wire0 = c.wireBytes();
            }
            control.set(new CompletableFuture<>());
            received.set(0);
            last.set(0);
            sink.recorder.reset();
            trigger.writeAndFlush(WsClients.stamp(trigger.alloc(), System.nanoTime(), extra.apply(r), size));
            String done = control.get().get(120, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (received.get() < n && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(1);
            }
            if (r < 1) {
                continue; // warm-up round
            }
            all.add(sink.recorder.getIntervalHistogram());
            completions.add(last.get() / 1e6);
            report.line(String.format(Locale.ROOT, "- %s round %d: %d/%d received, all received after %.1f ms;"
                    + " function said %s", label, r, received.get(), n, last.get() / 1e6, done));
        }
        double cpu = (gw.cpuNanos() - serverCpu0) / 1e9;
        completions.sort(null);
        return new FanoutRun(all, completions, prepared, rounds, c.wireBytes() - wire0, cpu);
    }

    /**
     * Returns a JSON array of price quotes of about {@code bytes} bytes: compressible, as real payloads are, and with
     * prices that change with {@code round}, so that context takeover cannot just repeat the previous message.
     */
    static String prices(int bytes, int round) {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; json.length() < bytes - 80; i++) {
            json.append(i == 0 ? "" : ",").append("{\"symbol\":\"SYM").append(i).append("\",\"bid\":")
                    .append(100 + Math.floorMod(i * 37 + round * 13, 91)).append('.')
                    .append(Math.floorMod(i + round, 10)).append(",\"ask\":")
                    .append(101 + (i * 37) % 91).append(".0,\"currency\":\"EUR\",\"venue\":\"XETRA\"}");
        }
        return json.append(']').toString();
    }

    /**
     * serverless-offline (serverless@3 + serverless-offline@13, Node.js 20 handlers doing the same two-way echo and
     * postToConnection echo) against the gateway, interleaved: echo-100 and push-echo-100 closed loop. Installs the
     * npm packages into {@code target/serverless-offline} on first use.
     */
    void serverlessOffline() throws Exception {
        Path dir = cfg.repo().resolve("socketway-bench/target/serverless-offline");
        java.nio.file.Files.createDirectories(dir);
        for (String f : List.of("serverless.yml", "handler.js", "package.json")) {
            java.nio.file.Files.copy(cfg.repo().resolve("socketway-bench/serverless-offline").resolve(f), dir.resolve(f),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        if (!java.nio.file.Files.isDirectory(dir.resolve("node_modules/serverless-offline"))) {
            String out = Proc.run(List.of("npm", "install", "--no-audit", "--no-fund", "serverless@3", "serverless-offline@13"),
                    dir);
            if (!java.nio.file.Files.isDirectory(dir.resolve("node_modules/serverless-offline"))) {
                report.line("- serverless-offline NOT MEASURED: npm install failed: " + abbreviate(out.replaceAll("\\s+", " ")));
                return;
            }
        }
        List<String> cmd = List.of("env", "SLS_TELEMETRY_DISABLED=1", "SLS_NOTIFICATIONS_MODE=off",
                "AWS_ACCESS_KEY_ID=local", "AWS_SECRET_ACCESS_KEY=local", "node", "node_modules/serverless/bin/serverless.js",
                "offline");
        try (ServerProcess sls = ServerProcess.command(cfg, "serverless-offline", cmd, dir, 3001);
                ServerProcess gw = ServerProcess.gateway(cfg, "gateway", cfg.echoTemplate(), List.of(), true)) {
            scenarios.prime(gw); // as in every other scenario; serverless-offline warms up in each run's warm-up
            for (int round = 1; round <= cfg.rounds(); round++) {
                for (String extra : List.of("", ",\"action\":\"pushEcho\"")) {
                    String scenario = extra.isEmpty() ? "sls-echo-100" : "sls-push-echo-100";
                    for (ServerProcess s : Scenarios.ordered(round, sls, gw)) {
                        java.net.URI uri = s == sls ? java.net.URI.create("ws://127.0.0.1:3001/") : s.wsUri(Scenarios.STAGE);
                        try (WsClients c = Loads.clients(cfg, uri)) {
                            // serverless-offline answers 502 to a burst of first handshakes: one first, then 8 at a time
                            List<io.netty.channel.Channel> chs = new ArrayList<>();
                            chs.add(c.connect(false).get(30, TimeUnit.SECONDS));
                            chs.addAll(c.connectAll(99, 8, 60));
                            report.add(Loads.closed(cfg, s, s.pids(), c, chs, scenario, extra, cfg.inflight(), round,
                                    "W=" + cfg.inflight() + (s == sls ? "; CPU/RSS = node process tree" : "")));
                        }
                    }
                }
            }
        }
    }

    /**
     * Two gateway nodes on a private {@code redis-server} (all three pinned to the server core): pushes to 100 clients
     * on node A, sent through node A (local) and through node B (over Redis), interleaved; then the cross-node
     * capacity with more HTTP connections.
     */
    void crossNode() throws Exception {
        int redisPort = ServerProcess.freePort();
        List<String> redisCmd = new ArrayList<>();
        if (cfg.taskset()) {
            redisCmd.addAll(List.of("taskset", "-c", cfg.serverCpu()));
        }
        redisCmd.addAll(List.of("redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        Path log = cfg.logDir().resolve("redis-" + redisPort + ".log");
        java.nio.file.Files.createDirectories(log.getParent());
        Process redis = new ProcessBuilder(redisCmd).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            TimeUnit.MILLISECONDS.sleep(300);
            byte[] key = new byte[32];
            new java.security.SecureRandom().nextBytes(key);
            List<String> cluster = List.of("--cluster", "redis://127.0.0.1:" + redisPort, "--cluster-key",
                    "k1:" + Base64.getEncoder().encodeToString(key));
            List<String> a = new ArrayList<>(cluster);
            a.addAll(List.of("--node-id", "bench-a"));
            List<String> b = new ArrayList<>(cluster);
            b.addAll(List.of("--node-id", "bench-b"));
            try (ServerProcess nodeA = ServerProcess.gateway(cfg, "node-A", cfg.echoTemplate(), a, true);
                    ServerProcess nodeB = ServerProcess.gateway(cfg, "node-B", cfg.echoTemplate(), b, true)) {
                long[] pids = {nodeA.pid(), nodeB.pid(), redis.pid()};
                scenarios.prime(nodeA);
                scenarios.prime(nodeB);
                for (int round = 1; round <= cfg.rounds(); round++) {
                    for (ServerProcess via : Scenarios.ordered(round, nodeA, nodeB)) {
                        report.add(scenarios.pushRun(nodeA, via, pids, "cross-node-push", 16, round,
                                "CPU = A+B+redis, all on the server core"));
                    }
                }
                for (int k : List.of(64)) {
                    report.add(scenarios.pushRun(nodeA, nodeB, pids, "cross-node-capacity", k, 1,
                            "CPU = A+B+redis; redis alone: see line below"));
                    long r0 = Proc.cpuNanos(redis.pid());
                    long t0 = System.nanoTime();
                    report.add(scenarios.pushRun(nodeA, nodeB, new long[] {redis.pid()}, "cross-node-capacity", k, 2,
                            "CPU column = redis-server alone"));
                    report.line(String.format(Locale.ROOT, "- redis-server CPU over the last capacity run incl. warm-up: %.2f cores",
                            (Proc.cpuNanos(redis.pid()) - r0) / (double) (System.nanoTime() - t0)));
                }
            }
        } finally {
            redis.destroy();
            redis.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
