package io.socketway.it.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the packaged {@code socketway.jar} as its own process, as a user would, and reads what it prints. */
final class SocketwayProcess implements AutoCloseable {
    static final Path JAR = Path.of("..", "socketway-cli", "target", "socketway.jar").toAbsolutePath().normalize();
    private static final Pattern WS_URL = Pattern.compile("WebSocket URL:\\s+(ws://\\S+)");

    private final Process process;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final List<String> stderr = java.util.Collections.synchronizedList(new ArrayList<>());
    private final java.util.concurrent.CountDownLatch pumped = new java.util.concurrent.CountDownLatch(2);

    private SocketwayProcess(Process process) {
        this.process = process;
        pump(process.getInputStream(), stdout::add);
        pump(process.getErrorStream(), stderr::add);
    }

    static SocketwayProcess start(String... args) throws IOException {
        return start(java.util.Map.of(), args);
    }

    /** Starts the jar with {@code environment} added to this process's environment. */
    static SocketwayProcess start(java.util.Map<String, String> environment, String... args) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the build from the repository root (mvn verify)");
        }
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(Path.of("..").toFile());
        builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        builder.environment().putAll(environment);
        return new SocketwayProcess(builder.start());
    }

    private void pump(java.io.InputStream in, java.util.function.Consumer<String> sink) {
        Thread.ofVirtual().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                r.lines().forEach(sink);
            } catch (IOException | java.io.UncheckedIOException ignored) {
                // the process ended
            } finally {
                pumped.countDown();
            }
        });
    }

    /** Waits for the whole start-up banner (up to its last line) and returns it. */
    String awaitBanner(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        StringBuilder seen = new StringBuilder();
        while (System.nanoTime() < deadline) {
            String line = stdout.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                seen.append(line).append('\n');
                if (line.contains("Press Ctrl-C to stop.")) {
                    return seen.toString();
                }
            } else if (!process.isAlive()) {
                break;
            }
        }
        throw new AssertionError("no complete banner; stdout:\n" + seen + "stderr:\n" + String.join("\n", stderr));
    }

    /** Returns the first WebSocket URL of a banner. */
    static String webSocketUrl(String banner) {
        Matcher m = WS_URL.matcher(banner);
        if (!m.find()) {
            throw new AssertionError("no WebSocket URL in:\n" + banner);
        }
        return m.group(1);
    }

    /** Returns everything printed to stdout so far (drains it). */
    String drainStdout() {
        List<String> lines = new ArrayList<>();
        stdout.drainTo(lines);
        return String.join("\n", lines);
    }

    /** Waits for the process to end and for everything it printed to be read; returns its status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("socketway did not exit within " + timeout + "; stderr:\n" + stderr());
        }
        if (!pumped.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("socketway exited but its output did not end within " + timeout);
        }
        return process.exitValue();
    }

    String stderr() throws InterruptedException {
        process.getErrorStream();
        return String.join("\n", stderr);
    }

    /** Sends SIGTERM, as {@code kill PID} or a container stop does. */
    void terminate() {
        process.destroy();
    }

    /** Kills the process at once with SIGKILL, as {@code kill -9 PID} does: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
