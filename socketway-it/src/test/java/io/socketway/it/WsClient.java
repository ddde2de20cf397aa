package io.socketway.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A WebSocket test client on the JDK's {@code java.net.http.WebSocket}: every text message it receives goes into a
 * queue that {@link #nextText} and {@link #nextJson} read with a timeout, and the close the server sends is kept for
 * {@link #awaitClose}. Every wait has a timeout and fails with an {@link AssertionError} naming what was expected.
 *
 * <p>Thread-safe: the JDK delivers messages on its own threads; the test thread only reads the queue.
 */
final class WsClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
    private final CompletableFuture<CloseStatus> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(String name, URI uri, Duration timeout, java.util.Map<String, String> headers) {
        this.name = name;
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(timeout);
        headers.forEach(builder::header);
        this.socket = join(builder.buildAsync(uri, new Listener()), timeout, "connecting to " + uri);
    }

    /** Connects to {@code uri}; {@code name} labels failure messages. */
    static WsClient connect(String name, URI uri, Duration timeout) {
        return new WsClient(name, uri, timeout, java.util.Map.of());
    }

    /** Connects to {@code uri} with extra handshake headers (such as {@code User-Agent}). */
    static WsClient connect(String name, URI uri, Duration timeout, java.util.Map<String, String> headers) {
        return new WsClient(name, uri, timeout, headers);
    }

    /** Sends one text message and waits until it is written. */
    void send(String text) {
        join(socket.sendText(text, true), Duration.ofSeconds(5), "sending " + text);
    }

    /** Returns the next text message, or fails when none arrives within {@code timeout}. */
    String nextText(Duration timeout) {
        try {
            String text = texts.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (text == null) {
                throw new AssertionError(name + ": no message within " + timeout + closeNote());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted while waiting for a message", e);
        }
    }

    /** Returns the next text message parsed as JSON, or fails when none arrives or it is not JSON. */
    JsonNode nextJson(Duration timeout) {
        String text = nextText(timeout);
        try {
            return JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new AssertionError(name + ": expected a JSON message, got " + text, e);
        }
    }

    /** Waits for the connection to close and returns the close code and reason the server sent. */
    CloseStatus awaitClose(Duration timeout) {
        return join(closed, timeout, "waiting for the close");
    }

    /** Starts a normal close (1000) from this side; {@link #awaitClose} then returns the server's answer. */
    void closeNormally() {
        join(socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye"), Duration.ofSeconds(5), "sending a close");
    }

    /** Closes with 1000 if still open, waits briefly for the server's close, then drops the connection. */
    @Override
    public void close() {
        try {
            if (!socket.isOutputClosed()) {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            }
            closed.get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // The server did not answer the close in time; abort below.
        } finally {
            socket.abort();
        }
    }

    private String closeNote() {
        return closed.isDone() ? " (the connection closed: " + closed.getNow(null) + ")" : "";
    }

    private <T> T join(CompletionStage<T> stage, Duration timeout, String what) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted while " + what, e);
        } catch (ExecutionException e) {
            throw new AssertionError(name + ": failed " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError(name + ": timed out after " + timeout + " " + what + closeNote(), e);
        }
    }

    /**
     * The close a client saw.
     *
     * @param code the status code of the server's close frame
     * @param reason its reason text, empty when none
     */
    record CloseStatus(int code, String reason) {}

    /** Collects whole text messages and the close; asks for one message at a time. */
    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                texts.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(new CloseStatus(statusCode, reason));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }
    }
}
