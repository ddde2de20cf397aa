package io.socketway.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in its own process, pinned to the server core with {@code taskset} when available: the raw Netty
 * echo server, or the gateway started from the real CLI jar ({@code java -jar socketway.jar run TEMPLATE}). Both get
 * the same JVM flags ({@link BenchConfig#serverJvmFlags()}). Not thread-safe: one thread starts and stops it.
 */
final class ServerProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String name;
    private final Process process;
    private final int port;
    private final long launchedNanos;

    private ServerProcess(String name, Process process, int port, long launchedNanos) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.launchedNanos = launchedNanos;
    }

    /** Starts the raw Netty echo server; returns once it accepts TCP connections. */
    static ServerProcess raw(BenchConfig config) throws IOException, InterruptedException {
        return raw(config, false);
    }

    /**
     * Starts {@link RawEchoServer}; with {@code hop}, the variant that hands each frame to a virtual thread
     * ({@code raw-netty-vthread-hop}).
     */
    static ServerProcess raw(BenchConfig config, boolean hop) throws IOException, InterruptedException {
        return raw(config, hop, hop ? "raw-netty-vthread-hop" : "raw-netty");
    }

    /** Starts {@link RawEchoServer} under {@code name}; returns once it accepts TCP connections. */
    static ServerProcess raw(BenchConfig config, boolean hop, String name) throws IOException, InterruptedException {
        return raw(config, name, hop ? List.of("--hop") : List.of());
    }

    /** Starts {@link RawEchoServer} under {@code name} with its mode flags ({@code --hop}, {@code --fanout}). */
    static ServerProcess raw(BenchConfig config, String name, List<String> flags)
            throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = java(config, config.serverCpu());
        cmd.addAll(List.of("-cp", config.benchJar().toString(), "io.socketway.bench.RawEchoServer",
                Integer.toString(port), "/bench"));
        cmd.addAll(flags);
        ServerProcess p = launch(name, cmd, port, config);
        p.awaitTcp();
        return p;
    }

    /** Starts the echo function served over HTTP ({@link RemoteEchoFunction}); returns once it accepts connections. */
    static ServerProcess remoteEchoFunction(BenchConfig config) throws IOException, InterruptedException {
        int port = freePort();
        List<String> cmd = java(config, config.serverCpu());
        cmd.addAll(List.of("-cp", config.benchJar().toString(), "io.socketway.bench.RemoteEchoFunction",
                Integer.toString(port)));
        ServerProcess p = launch("remote-echo-function", cmd, port, config);
        p.awaitTcp();
        return p;
    }

    /** Starts a gateway node from the CLI jar; returns once {@code /_socketway/ready} answers 200. */
    static ServerProcess gateway(BenchConfig config, String name, Path template, List<String> extra, boolean wait)
            throws IOException, InterruptedException {
        return gateway(config, name, template, extra, wait, config.serverCpu(), freePort());
    }

    static ServerProcess gateway(BenchConfig config, String name, Path template, List<String> extra, boolean wait,
            String cpu, int port) throws IOException, InterruptedException {
        List<String> cmd = java(config, cpu);
        cmd.addAll(config.gatewayJvmExtra());
        cmd.addAll(List.of("-jar", config.cliJar().toString(), "run", template.toString(), "--port",
                Integer.toString(port), "--max-messages-per-second", "0", "--max-connects-per-second", "0",
                "--management-requests-per-second", "0", "--drain-timeout", "1s"));
        cmd.addAll(extra);
        ServerProcess p = launch(name, cmd, port, config);
        if (wait) {
            p.awaitReady();
        }
        return p;
    }

    /**
     * Starts any server command in {@code dir} (pinned like the others), e.g. serverless-offline; returns once
     * {@code port} accepts TCP connections.
     */
    static ServerProcess command(BenchConfig config, String name, List<String> command, Path dir, int port)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (config.taskset()) {
            cmd.addAll(List.of("taskset", "-c", config.serverCpu()));
        }
        cmd.addAll(command);
        Path log = config.logDir().resolve(name + "-" + port + ".log");
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        ServerProcess p = new ServerProcess(name, process, port, System.nanoTime());
        p.awaitTcp();
        return p;
    }

    /** Returns this process's id and its descendants' (a launcher such as npx starts the real server as a child). */
    long[] pids() {
        return java.util.stream.LongStream.concat(java.util.stream.LongStream.of(pid()),
                process.descendants().mapToLong(ProcessHandle::pid)).toArray();
    }

    private static List<String> java(BenchConfig config, String cpu) {
        List<String> cmd = new ArrayList<>();
        if (config.taskset() && !cpu.isEmpty()) {
            cmd.addAll(List.of("taskset", "-c", cpu));
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(config.serverJvmFlags());
        return cmd;
    }

    private static ServerProcess launch(String name, List<String> cmd, int port, BenchConfig config)
            throws IOException {
        Path log = config.logDir().resolve(name + "-" + port + ".log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, String.join(" ", cmd) + "\n");
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        return new ServerProcess(name, process, port, t0);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private void awaitTcp() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                Thread.sleep(5);
            }
        }
        throw new IllegalStateException(name + " did not start; see its log");
    }

    void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        URI ready = URI.create("http://127.0.0.1:" + port + "/_socketway/ready");
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (HTTP.send(HttpRequest.newBuilder(ready).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not bound yet
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException(name + " did not become ready; see its log");
    }

    String name() {
        return name;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    long launchedNanos() {
        return launchedNanos;
    }

    boolean alive() {
        return process.isAlive();
    }

    URI wsUri(String stage) {
        return URI.create("ws://127.0.0.1:" + port + "/" + stage);
    }

    long cpuNanos() {
        return Proc.cpuNanos(pid());
    }

    long rssBytes() {
        return Proc.rssBytes(pid());
    }

    /** Stops the process with SIGTERM, then SIGKILL after 15 s (a JVM writing its class-data archive takes a few). */
    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
