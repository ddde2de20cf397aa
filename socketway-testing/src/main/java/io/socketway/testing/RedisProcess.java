package io.socketway.testing;

import static org.awaitility.Awaitility.await;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * One {@code redis-server} process on a free loopback port, started for a test class, with nothing persisted; plus a
 * minimal RESP client for reading raw values and cluster state without going through Lettuce.
 */
public final class RedisProcess {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final Process process;

    private RedisProcess(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Starts {@code redis-server} in {@code dir} on a free port and waits until it answers {@code PING}; tries another
     * port when another process took the one picked.
     *
     * @param extraArgs more arguments for the given port (cluster mode, for example)
     */
    public static RedisProcess start(Path dir, IntFunction<List<String>> extraArgs) {
        IllegalStateException last = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                    "--logfile", dir.resolve("redis-" + port + ".log").toString()));
            command.addAll(extraArgs.apply(port));
            Process process = launch(command, dir.resolve("redis-" + port + ".out"));
            try {
                await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(10))
                        .until(() -> !process.isAlive() || answersPing(port));
            } catch (RuntimeException e) {
                process.destroyForcibly();
                throw e;
            }
            if (process.isAlive()) {
                return new RedisProcess(port, process);
            }
            last = new IllegalStateException("redis-server on port " + port + " exited with " + process.exitValue()
                    + "; see " + dir);
        }
        throw last;
    }

    /** Starts {@code redis-server} again on a given port (after {@link #kill}), waiting until it answers. */
    public static RedisProcess startOn(Path dir, int port) {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis-" + port + "-again.log").toString()));
        Process process = launch(command, dir.resolve("redis-" + port + "-again.out"));
        await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(10)).until(() -> answersPing(port));
        return new RedisProcess(port, process);
    }

    /** Returns the port. */
    public int port() {
        return port;
    }

    /**
     * Freezes the server (SIGSTOP): it keeps its data and its clients' TCP connections, but answers nothing until
     * {@link #resume}, like a server in a long pause or behind a partition.
     */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a {@link #pause paused} server run again (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Returns true until the server is killed or exits. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the server at once (SIGKILL: nothing is persisted, so nothing is lost). */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sends one command and returns the reply: String (status), Long, byte[] (bulk), List, or null. */
    public Object command(String... args) {
        return command(port, args);
    }

    public static Object command(int port, String... args) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(encode(args));
            out.flush();
            return read(new DataInputStream(new BufferedInputStream(socket.getInputStream())));
        } catch (IOException e) {
            throw new UncheckedIOException("port " + port, e);
        }
    }

    public static byte[] encode(String... args) {
        StringBuilder resp = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            resp.append('$').append(arg.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(arg)
                    .append("\r\n");
        }
        return resp.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads one RESP2 reply; an error reply throws. */
    public static Object read(DataInputStream in) throws IOException {
        int type = in.read();
        String line = line(in);
        return switch (type) {
            case '+' -> line;
            case '-' -> throw new IllegalStateException("redis: " + line);
            case ':' -> Long.parseLong(line);
            case '$' -> bulk(in, Integer.parseInt(line));
            case '*' -> array(in, Integer.parseInt(line));
            default -> throw new IOException("RESP type " + type);
        };
    }

    /** Returns a bulk reply as UTF-8 text. */
    public static String text(Object reply) {
        return reply instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(reply);
    }

    public static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Process launch(List<String> command, Path output) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException(command.get(0) + ": cannot start (expected: Debian's redis-server and"
                    + " redis-cli on the PATH; apt-get install -y redis-server)", e);
        }
    }

    private static boolean answersPing(int port) {
        try {
            return "PONG".equals(command(port, "PING"));
        } catch (IllegalStateException e) {
            return e.getMessage().contains("NOAUTH"); // up, and wants a password
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static Object bulk(DataInputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        byte[] data = new byte[length];
        in.readFully(data);
        line(in);
        return data;
    }

    private static List<Object> array(DataInputStream in, int length) throws IOException {
        if (length < 0) {
            return null;
        }
        List<Object> items = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            items.add(read(in));
        }
        return items;
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\r'; c = in.read()) {
            if (c < 0) {
                throw new IOException("connection closed");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }
}
