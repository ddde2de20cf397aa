package io.socketway.registry.redis;

import io.socketway.testing.RedisProcess;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Records every command a Redis server executes ({@code MONITOR}), as an operator with access to the server could:
 * what the tests read back to prove that no plaintext reaches Redis.
 */
final class RedisMonitor implements AutoCloseable {
    private final Socket socket;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();
    private final Thread reader;

    private RedisMonitor(Socket socket) {
        this.socket = socket;
        this.reader = Thread.ofVirtual().name("redis-monitor").start(this::read);
    }

    /** Starts monitoring and returns once the server confirmed. */
    static RedisMonitor start(int port) {
        try {
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.getOutputStream().write(RedisProcess.encode("MONITOR"));
            RedisMonitor monitor = new RedisMonitor(socket);
            await().atMost(Duration.ofSeconds(5)).until(() -> monitor.output().startsWith("+OK"));
            return monitor;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns everything seen so far; binary bytes appear as Redis escapes them ({@code \xNN}). */
    String output() {
        synchronized (seen) {
            return seen.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** Sends a marker command on another connection and waits until the monitor saw it, so that all before it is in. */
    String drain(int port) {
        String marker = "monitor-marker-" + System.nanoTime();
        RedisProcess.command(port, "ECHO", marker);
        await().atMost(Duration.ofSeconds(5)).until(() -> output().contains(marker));
        return output();
    }

    private void read() {
        byte[] buffer = new byte[8192];
        try (InputStream in = socket.getInputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                synchronized (seen) {
                    seen.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        try {
            reader.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
