package io.socketway.it;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Drives Debian's headless Chromium ({@code /usr/bin/chromium}) through the Chrome DevTools Protocol, with nothing but
 * the JDK: the browser is started with {@code --remote-debugging-port=0} and a fresh profile directory, its DevTools
 * URL is read from stderr, and CDP commands go over a {@code java.net.http.WebSocket}. {@link #open} creates a tab and
 * attaches to it with a flat session; {@link Page#evaluate} runs JavaScript there.
 *
 * <p>{@link #close} asks the browser to quit, kills it (and its child processes) if it does not, and deletes the
 * profile. Thread-safe.
 */
final class HeadlessChromium implements AutoCloseable {
    /** Where Debian's {@code chromium} package installs the browser. */
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DEVTOOLS_URL = Pattern.compile("DevTools listening on (ws://\\S+)");
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private static final int STDERR_LINES_KEPT = 60;

    private final Process process;
    private final Path profile;
    private final Deque<String> stderr = new ArrayDeque<>();
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile WebSocket devtools;

    private HeadlessChromium(Process process, Path profile) {
        this.process = process;
        this.profile = profile;
    }

    /**
     * Starts the browser and connects to its DevTools endpoint.
     *
     * @throws IllegalStateException when {@link #BINARY} is missing, or the browser does not come up within
     *     {@code timeout} (the message quotes its stderr)
     */
    static HeadlessChromium launch(Duration timeout) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium "
                    + "(sudo apt-get install -y chromium; CI and ./run-tests install it)");
        }
        Path profile = Files.createTempDirectory("socketway-chromium-");
        Process process = new ProcessBuilder(command(profile)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HeadlessChromium chromium = new HeadlessChromium(process, profile);
        try {
            chromium.connect(chromium.awaitDevToolsUrl(timeout), timeout);
            return chromium;
        } catch (RuntimeException e) {
            chromium.close();
            throw e;
        }
    }

    private static List<String> command(Path profile) {
        return List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank");
    }

    /** Reads stderr on its own thread for the life of the process; completes with the DevTools URL once printed. */
    private URI awaitDevToolsUrl(Duration timeout) {
        CompletableFuture<URI> url = new CompletableFuture<>();
        Thread.ofVirtual().name("chromium-stderr").start(() -> readStderr(url));
        try {
            return url.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while starting " + BINARY, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(BINARY + " printed no DevTools URL within " + timeout + "; stderr:\n"
                    + stderrTail(), e);
        }
    }

    private void readStderr(CompletableFuture<URI> url) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                remember(line);
                Matcher m = DEVTOOLS_URL.matcher(line);
                if (m.find()) {
                    url.complete(URI.create(m.group(1)));
                }
            }
        } catch (IOException e) {
            url.completeExceptionally(e);
        }
        url.completeExceptionally(new IllegalStateException("the browser exited"));
    }

    private void remember(String line) {
        synchronized (stderr) {
            stderr.addLast(line);
            if (stderr.size() > STDERR_LINES_KEPT) {
                stderr.removeFirst();
            }
        }
    }

    /** Returns the last lines the browser wrote to stderr, for failure messages. */
    String stderrTail() {
        synchronized (stderr) {
            return String.join("\n", stderr);
        }
    }

    private void connect(URI url, Duration timeout) {
        devtools = result(HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(timeout)
                .buildAsync(url, new DevToolsListener()), timeout, "connecting to " + url);
    }

    /** Opens {@code url} in a new tab and returns it, attached with a flat session. */
    Page open(String url) {
        String targetId = call(null, "Target.createTarget", JSON.createObjectNode().put("url", url))
                .path("targetId").asText();
        String sessionId = call(null, "Target.attachToTarget",
                JSON.createObjectNode().put("targetId", targetId).put("flatten", true)).path("sessionId").asText();
        return new Page(sessionId);
    }

    /** Sends one CDP command (to the browser, or to {@code sessionId}) and returns its result, or fails. */
    private JsonNode call(String sessionId, String method, ObjectNode params) {
        long id = ids.incrementAndGet();
        ObjectNode message = JSON.createObjectNode().put("id", id).put("method", method);
        message.set("params", params);
        if (sessionId != null) {
            message.put("sessionId", sessionId);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            synchronized (ids) { // the JDK WebSocket allows one outstanding send at a time
                result(devtools.sendText(message.toString(), true), COMMAND_TIMEOUT, "sending " + method);
            }
            JsonNode response = result(reply, COMMAND_TIMEOUT, method);
            if (response.has("error")) {
                throw new IllegalStateException(method + " failed: " + response.get("error"));
            }
            return response.path("result");
        } finally {
            pending.remove(id);
        }
    }

    private static <T> T result(CompletionStage<T> stage, Duration timeout, String what) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Failed: " + what + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("No answer within " + timeout + ": " + what, e);
        }
    }

    /** Quits the browser (politely, then by force, children included) and deletes its profile. Idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        try {
            if (devtools != null && process.isAlive()) {
                devtools.sendText("{\"id\":0,\"method\":\"Browser.close\"}", true);
            }
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } finally {
            children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
            if (devtools != null) {
                devtools.abort();
            }
            deleteProfile();
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A file the browser was still writing: the OS cleans the temporary directory eventually.
        }
    }

    /** One tab, reached through its flat CDP session. */
    final class Page {
        private final String sessionId;

        private Page(String sessionId) {
            this.sessionId = sessionId;
        }

        /**
         * Evaluates {@code expression} in the page (awaiting a returned promise) and returns its value as JSON.
         *
         * @throws IllegalStateException when the expression throws; the message carries the page's exception
         */
        JsonNode evaluate(String expression) {
            ObjectNode params = JSON.createObjectNode().put("expression", expression)
                    .put("returnByValue", true).put("awaitPromise", true);
            JsonNode result = call(sessionId, "Runtime.evaluate", params);
            if (result.has("exceptionDetails")) {
                throw new IllegalStateException(
                        "In the page, " + expression + " threw: " + result.get("exceptionDetails"));
            }
            return result.path("result").path("value");
        }

        /**
         * Evaluates {@code condition} until it is {@code true}, or fails after {@code timeout} with {@code description}
         * and the page's {@code diagnostics} (another expression) in the message. Errors while the page is still
         * loading count as not yet.
         */
        void awaitTrue(String condition, Duration timeout, String description, String diagnostics) {
            try {
                Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                        .until(() -> evaluate(condition).asBoolean(false));
            } catch (ConditionTimeoutException e) {
                throw new AssertionError("Within " + timeout + ", expected " + description + "; the page shows: "
                        + safely(diagnostics) + "\nbrowser stderr:\n" + stderrTail(), e);
            }
        }

        private String safely(String expression) {
            try {
                return evaluate(expression).toString();
            } catch (RuntimeException e) {
                return "(unavailable: " + e.getMessage() + ")";
            }
        }
    }

    /** Routes CDP replies to their callers by id; events are not needed and are dropped. */
    private final class DevToolsListener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                dispatch(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void dispatch(String text) {
            try {
                JsonNode message = JSON.readTree(text);
                CompletableFuture<JsonNode> reply = pending.get(message.path("id").asLong(-1));
                if (reply != null) {
                    reply.complete(message);
                }
            } catch (JsonProcessingException e) {
                remember("(unparseable DevTools message) " + text);
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            pending.values().forEach(reply -> reply.completeExceptionally(error));
        }
    }
}
