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
import java.util.ArrayList;
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
 * attaches to it with a flat session; {@link Page#evaluate} runs JavaScript there. {@link #openWatched} also records
 * the page's JavaScript errors ({@code console.error} calls and uncaught exceptions, from the {@code Runtime} domain's
 * events) from the first script on, for {@link Page#errors}.
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
    private final Map<String, Page> watched = new ConcurrentHashMap<>();
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
        return launch(timeout, List.of());
    }

    /**
     * Starts the browser with extra command-line switches (such as {@code --host-resolver-rules}) and connects to
     * its DevTools endpoint.
     */
    static HeadlessChromium launch(Duration timeout, List<String> switches) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install Debian's chromium "
                    + "(sudo apt-get install -y chromium; CI and ./run-tests install it)");
        }
        Path profile = Files.createTempDirectory("socketway-chromium-");
        Process process = new ProcessBuilder(command(profile, switches)).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        HeadlessChromium chromium = new HeadlessChromium(process, profile);
        try {
            chromium.connect(chromium.awaitDevToolsUrl(timeout), timeout);
            return chromium;
        } catch (RuntimeException e) {
            chromium.close();
            throw e;
        }
    }

    private static List<String> command(Path profile, List<String> switches) {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-quic", "--no-first-run", "--no-default-browser-check",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--remote-debugging-port=0", "--user-data-dir=" + profile));
        command.addAll(switches);
        command.add("about:blank");
        return command;
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

    /**
     * Opens {@code url} in a new tab of {@code width} x {@code height} CSS pixels and returns it, recording its
     * JavaScript errors from before the first script runs.
     */
    Page openWatched(String url, int width, int height) {
        Page page = open("about:blank");
        watched.put(page.sessionId, page);
        call(page.sessionId, "Runtime.enable", JSON.createObjectNode());
        call(page.sessionId, "Emulation.setDeviceMetricsOverride", JSON.createObjectNode().put("width", width)
                .put("height", height).put("deviceScaleFactor", 1).put("mobile", false));
        call(page.sessionId, "Page.navigate", JSON.createObjectNode().put("url", url));
        return page;
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
        private final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();

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

        /** Returns the JavaScript errors seen so far (only for pages opened with {@link #openWatched}). */
        List<String> errors() {
            return List.copyOf(errors);
        }

        /** Saves a PNG of the whole page (beyond the viewport when it is taller) to {@code file}. */
        void screenshot(Path file) throws IOException {
            JsonNode size = call(sessionId, "Page.getLayoutMetrics", JSON.createObjectNode()).path("cssContentSize");
            ObjectNode clip = JSON.createObjectNode().put("x", 0).put("y", 0)
                    .put("width", size.path("width").asDouble()).put("height", size.path("height").asDouble())
                    .put("scale", 1);
            ObjectNode params = JSON.createObjectNode().put("format", "png").put("captureBeyondViewport", true);
            params.set("clip", clip);
            String data = call(sessionId, "Page.captureScreenshot", params).path("data").asText();
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, java.util.Base64.getDecoder().decode(data));
        }

        private void onEvent(String method, JsonNode params) {
            if (method.equals("Runtime.exceptionThrown")) {
                JsonNode details = params.path("exceptionDetails");
                errors.add("uncaught: " + details.path("exception").path("description").asText(details.path("text")
                        .asText()) + " at " + details.path("url").asText() + ":" + details.path("lineNumber").asInt());
            } else if (method.equals("Runtime.consoleAPICalled")
                    && List.of("error", "assert").contains(params.path("type").asText())) {
                StringBuilder text = new StringBuilder("console." + params.path("type").asText() + ":");
                params.path("args").forEach(arg -> text.append(' ')
                        .append(arg.has("value") ? arg.get("value").asText() : arg.path("description").asText()));
                errors.add(text.toString());
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

    /** Routes CDP replies to their callers by id, and events of watched pages to those pages; drops other events. */
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
                if (message.has("method")) {
                    Page page = watched.get(message.path("sessionId").asText());
                    if (page != null) {
                        page.onEvent(message.get("method").asText(), message.path("params"));
                    }
                    return;
                }
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
