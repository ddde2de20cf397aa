package io.socketway.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Connects a real WebSocket client for tests (the JDK's), with blocking reads that always time out. Messages are queued
 * as they arrive (text and binary apart); fragments are joined. Not thread-safe: one test thread reads it.
 */
public final class TestWebSocket implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Close> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    private final java.io.ByteArrayOutputStream partialBinary = new java.io.ByteArrayOutputStream();
    private WebSocket socket;

    /** A close the client received: code and reason. */
    public record Close(int code, String reason) {}

    /** Connects to {@code uri} with extra handshake headers given as name, value pairs; fails after 10 s. */
    public static TestWebSocket connect(String uri, String... headers) {
        return connect(HTTP, uri, headers);
    }

    /** Connects through {@code http}, for example one with an {@code SSLContext} for {@code wss://}. */
    public static TestWebSocket connect(HttpClient http, String uri, String... headers) {
        TestWebSocket client = new TestWebSocket();
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        client.socket = builder.buildAsync(URI.create(uri), client.listener()).orTimeout(10, TimeUnit.SECONDS).join();
        return client;
    }

    /** Returns the HTTP status of a refused handshake. */
    /** Connects offering {@code offered} subprotocols, returns the one the server chose ("" for none), and aborts. */
    public static String chosenSubprotocol(String uri, String... offered) {
        WebSocket socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .subprotocols(offered[0], java.util.Arrays.copyOfRange(offered, 1, offered.length))
                .buildAsync(java.net.URI.create(uri), new WebSocket.Listener() {})
                .join();
        String chosen = socket.getSubprotocol();
        socket.abort();
        return chosen;
    }

    public static int refusedStatus(String uri, String... headers) {
        try {
            connect(uri, headers).close();
            throw new AssertionError("expected the handshake to be refused: " + uri);
        } catch (CompletionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException h) {
                return h.getResponse().statusCode();
            }
            throw e;
        }
    }

    private WebSocket.Listener listener() {
        return new WebSocket.Listener() {
            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    messages.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                partialBinary.writeBytes(chunk);
                if (last) {
                    binaries.add(partialBinary.toByteArray());
                    partialBinary.reset();
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                closed.complete(new Close(code, reason));
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closed.complete(new Close(1006, String.valueOf(error)));
            }
        };
    }

    /** Sends one text message and waits until it is written. */
    public void send(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends one binary message and waits until it is written. */
    public void sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
    }

    /** Sends a ping. */
    public void ping() {
        socket.sendPing(ByteBuffer.wrap(new byte[] {1})).join();
    }

    /** Returns the next message, failing after {@code timeout}. */
    public String next(Duration timeout) throws InterruptedException {
        String m = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no message within " + timeout);
        }
        return m;
    }

    /** Returns the next binary message, failing after {@code timeout}; text messages are not counted. */
    public byte[] nextBinary(Duration timeout) throws InterruptedException {
        byte[] m = binaries.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (m == null) {
            throw new AssertionError("no binary message within " + timeout);
        }
        return m;
    }

    /** Returns true when no message arrives within {@code window}. */
    public boolean quietFor(Duration window) throws InterruptedException {
        return messages.poll(window.toMillis(), TimeUnit.MILLISECONDS) == null;
    }

    /** Waits for the server's close. */
    public Close awaitClose(Duration timeout) {
        return closed.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    /** Sends a close frame with this code and reason. */
    public void closeWith(int code, String reason) {
        socket.sendClose(code, reason).join();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> null);
        }
        socket.abort();
    }
}
