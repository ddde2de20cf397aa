package io.socketway.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.socketway.api.ApiDefinition;
import io.socketway.core.Connection;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.MetricsSettings;
import io.socketway.core.SecuritySettings;
import io.socketway.functions.JavaFunctionRuntime;
import io.socketway.it.HeadlessChromium.Page;
import io.socketway.metrics.SocketwayMetrics;
import io.socketway.metrics.SocketwayUsage;
import io.socketway.metrics.UsageSettings;
import io.socketway.netty.GatewayServer;
import io.socketway.security.sigv4.AccessKey;
import io.socketway.template.TemplateLoader;
import io.socketway.template.TemplateOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Proves the web console at {@code /_socketway/console} against a real gateway (examples/chat on a free port, with
 * metrics and alarms) in Debian's headless Chromium: connections appear live, the Close button closes a client with
 * 1000 through {@code DELETE @connections/{id}}, the charts, latency and alarm panels render from the node's own pages,
 * and with access keys configured every call is SigV4-signed in the browser and checked by the gateway's verifier.
 * Every test fails on any JavaScript error of the page ({@code console.error} or an uncaught exception).
 *
 * <p>The first test saves a screenshot to {@code target/console.png}; run it with
 * {@code -Dsocketway.console.screenshot=../docs/images/console.png} to refresh the one the docs show. The test fails
 * (it never skips) when {@code /usr/bin/chromium} is missing; CI installs it.
 */
@Timeout(180)
class ConsoleBrowserTest {
    @org.junit.jupiter.api.io.TempDir
    Path dir;
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Path CHAT = Path.of("../examples/chat/template.yaml");
    private static final AccessKey KEY = AccessKey.of("AKIDCONSOLE", "console-secret-key");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE_STATE = "({status: document.getElementById('status').innerText,"
            + " signin: document.getElementById('signin-error').textContent,"
            + " fatal: document.getElementById('fatal-message').textContent,"
            + " rows: [...document.querySelectorAll('#connections tbody tr')].map(r => r.dataset.connectionId),"
            + " usage: document.getElementById('usage-state').textContent,"
            + " latency: document.getElementById('latency').innerText,"
            + " peak: document.getElementById('chart-messages').dataset.peak})";
    private static final String USER_AGENT_ANN =
            "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36";
    /** Names under {@code .test} resolve to this machine, as a rebinding attacker's name would. */
    private static final List<String> BROWSER_WITH_TEST_NAMES = List.of("--host-resolver-rules=MAP *.test 127.0.0.1",
            "--disable-features=HttpsUpgrades");
    private static final String USER_AGENT_BOB = "okhttp/4.12.0";
    private static final String USER_AGENT_OPS = "aws-cli/2.22.35 Python/3.12.6 Linux/6.1 exe/x86_64.debian.12";

    @BeforeEach
    void requireChromium() {
        assertThat(Files.isExecutable(HeadlessChromium.BINARY))
                .withFailMessage("%s is missing: install Debian's chromium (apt-get install -y chromium); "
                        + "CI and ./run-tests install it. This test fails rather than skips.", HeadlessChromium.BINARY)
                .isTrue();
    }

    @Test
    void listsConnectionsLiveAndClosesOneWithDelete() throws Exception {
        try (Node node = Node.start(SecuritySettings.DEFAULT, dir.resolve("usage.json"));
                HeadlessChromium chromium = HeadlessChromium.launch(WAIT);
                WsClient ann = WsClient.connect("ann", node.ws(), WAIT, Map.of("User-Agent", USER_AGENT_ANN));
                WsClient bob = WsClient.connect("bob", node.ws(), WAIT, Map.of("User-Agent", USER_AGENT_BOB));
                WsClient ops = WsClient.connect("ops", node.ws(), WAIT, Map.of("User-Agent", USER_AGENT_OPS))) {
            Page page = chromium.openWatched(node.url("/_socketway/console"), 1440, 960);
            awaitLive(page);
            String annId = node.connectionId(USER_AGENT_ANN);
            page.awaitTrue(row(annId) + " !== null", WAIT, "ann's connection to be listed", PAGE_STATE);

            filter(page, "okhttp");
            assertThat(page.evaluate(row(annId) + ".hidden").asBoolean()).isTrue();
            assertThat(page.evaluate(row(node.connectionId(USER_AGENT_BOB)) + ".hidden").asBoolean()).isFalse();
            filter(page, "");

            chat(node, ann, bob, page);
            page.awaitTrue("Number(document.getElementById('chart-messages').dataset.peak) > 0", WAIT,
                    "the messages chart to show a rate above zero", PAGE_STATE);
            page.awaitTrue("document.querySelectorAll('#latency tbody tr').length > 0", WAIT,
                    "integration latency percentiles of the chat function", PAGE_STATE);
            page.awaitTrue("document.querySelector('#alarms tr[data-alarm$=\"-abnormal-disconnects\"]') !== null", WAIT,
                    "the template's alarm in the alarms panel", PAGE_STATE);
            page.awaitTrue("document.getElementById('usage-state').hidden"
                    + " && document.getElementById('usage-stages').innerText.includes('dev')", WAIT,
                    "the node's usage report, with the chat's stage", PAGE_STATE);

            page.evaluate(row(annId) + ".click(); true");
            page.awaitTrue("document.getElementById('details-fields').textContent.includes(" + js(USER_AGENT_ANN)
                    + ") && document.getElementById('details-fields').textContent.includes('127.0.0.1')", WAIT,
                    "the details of GET @connections/{id}", PAGE_STATE);
            screenshot(page);

            page.evaluate(row(annId) + ".querySelector('button[data-action=close]').click(); true");
            assertThat(ann.awaitClose(WAIT).code()).isEqualTo(1000);
            page.awaitTrue(row(annId) + " === null", WAIT, "ann's row to disappear", PAGE_STATE);
            page.awaitTrue("document.getElementById('toast').textContent.includes('Closed')", WAIT,
                    "a note that the connection was closed", PAGE_STATE);
            assertThat(page.errors()).isEmpty();
        }
    }

    @Test
    void signsEveryCallWithTheEnteredKeyAndShowsTheRefusalOfAWrongSecret() throws Exception {
        SecuritySettings keys = SecuritySettings.DEFAULT.withAccessKeys(List.of(KEY));
        try (Node node = Node.start(keys);
                HeadlessChromium chromium = HeadlessChromium.launch(WAIT);
                WsClient client = WsClient.connect("client", node.ws(), WAIT, Map.of("User-Agent", USER_AGENT_BOB))) {
            String id = node.connectionId(USER_AGENT_BOB);
            Page page = chromium.openWatched(node.url("/_socketway/console"), 1280, 900);
            page.awaitTrue("!document.getElementById('signin').hidden", WAIT,
                    "the sign-in form, as config.json answers an unsigned request with 403", PAGE_STATE);
            assertThat(page.evaluate("document.getElementById('key-region').value").asText()).isEqualTo("us-east-1");

            signIn(page, KEY.accessKeyId(), "not-the-secret");
            page.awaitTrue("document.getElementById('signin-error').textContent.startsWith('403')"
                    + " && document.getElementById('signin-error').textContent.includes('signature')", WAIT,
                    "the verifier's 403 for a wrong secret", PAGE_STATE);

            signIn(page, KEY.accessKeyId(), KEY.secretAccessKey());
            awaitLive(page);
            page.awaitTrue(row(id) + " !== null", WAIT, "the connection listed with a signed request", PAGE_STATE);
            page.awaitTrue("document.querySelector('#alarms tr[data-alarm]') !== null", WAIT,
                    "the alarms read with a signed request", PAGE_STATE);
            assertThat(page.evaluate("JSON.parse(sessionStorage.getItem('socketway.console.key')).accessKeyId")
                    .asText()).isEqualTo(KEY.accessKeyId());

            page.evaluate(row(id) + ".querySelector('button[data-action=close]').click(); true");
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1000);
            page.awaitTrue(row(id) + " === null", WAIT, "the row to disappear after a signed DELETE", PAGE_STATE);
            assertThat(page.errors()).isEmpty();
        }
    }

    @Test
    void saysSoWhenTheNodeMetersNoUsage() throws Exception {
        try (Node node = Node.start(SecuritySettings.DEFAULT);
                HeadlessChromium chromium = HeadlessChromium.launch(WAIT)) {
            Page page = chromium.openWatched(node.url("/_socketway/console"), 1280, 900);
            awaitLive(page);
            page.awaitTrue("document.getElementById('usage-state').textContent"
                    + ".includes('Usage metering not available')", WAIT,
                    "the usage panel to say that this node has no usage report (404)", PAGE_STATE);
            assertThat(page.errors()).isEmpty();
        }
    }

    /**
     * Without access keys the node trusts loopback callers; a page of another site open in the same browser must not
     * borrow that trust. It fires what any web page can (no-cors requests, as an HTML form sends them) at the node:
     * a push to a connection and a drain. Neither takes effect.
     */
    @Test
    void aPageOfAnotherSiteCanNeitherPushToAConnectionNorDrainTheNode() throws Exception {
        HttpServer elsewhere = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        elsewhere.createContext("/", exchange -> {
            byte[] page = "<!doctype html><title>elsewhere</title><p>another site".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        elsewhere.start();
        try (Node node = Node.start(SecuritySettings.DEFAULT);
                HeadlessChromium chromium = HeadlessChromium.launch(WAIT, BROWSER_WITH_TEST_NAMES);
                WsClient ann = WsClient.connect("ann", node.ws(), WAIT, Map.of("User-Agent", USER_AGENT_ANN))) {
            String id = node.connectionId(USER_AGENT_ANN);
            Page page = chromium.open("http://elsewhere.test:" + elsewhere.getAddress().getPort() + "/");
            page.awaitTrue("document.readyState === 'complete' && document.title === 'elsewhere'", WAIT,
                    "the other site's page", "document.location.href");
            String node127 = "http://127.0.0.1:" + node.server().port();
            assertThat(page.evaluate("fetch(" + js(node127 + "/dev/@connections/" + id) + ", {method: 'POST',"
                    + " mode: 'no-cors', body: 'forged'}).then(() => 'answered', e => String(e))").asText())
                    .isEqualTo("answered");
            assertThat(page.evaluate("fetch(" + js(node127 + "/_socketway/drain") + ", {method: 'POST',"
                    + " mode: 'no-cors'}).then(() => 'answered', e => String(e))").asText()).isEqualTo("answered");

            assertThat(node.server().gateway().isDraining()).as("the node did not drain").isFalse();
            HttpResponse<String> push = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(node127 + "/dev/@connections/" + id)).POST(HttpRequest.BodyPublishers.ofString(
                    "from the backend")).timeout(WAIT).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(push.statusCode()).isEqualTo(200);
            assertThat(ann.nextText(WAIT)).as("the forged push never reached the client").isEqualTo(
                    "from the backend");
        } finally {
            elsewhere.stop(0);
        }
    }

    /**
     * DNS rebinding: a page whose name now resolves to 127.0.0.1 is same-origin with the node, so the browser lets it
     * read the answers. The node refuses it all the same (it names itself in {@code Host}), while the same browser
     * on {@code localhost} reads the connection list.
     */
    @Test
    void aNameRepointedAtThisMachineGetsNothingFromTheNode() throws Exception {
        try (Node node = Node.start(SecuritySettings.DEFAULT);
                HeadlessChromium chromium = HeadlessChromium.launch(WAIT, BROWSER_WITH_TEST_NAMES);
                WsClient ann = WsClient.connect("ann", node.ws(), WAIT, Map.of("User-Agent", USER_AGENT_ANN))) {
            String id = node.connectionId(USER_AGENT_ANN);
            String status = "fetch('/dev/@connections').then(r => r.text().then(t => r.status + ' ' + t))";
            String drain = "fetch('/_socketway/drain', {method: 'POST'}).then(r => r.status)";

            Page rebound = chromium.open("http://rebind.test:" + node.server().port() + "/_socketway/health");
            rebound.awaitTrue("document.readyState === 'complete' && document.body.innerText.includes('UP')", WAIT,
                    "the node's health page under the rebound name", "document.body.innerText");
            String listing = rebound.evaluate(status).asText();
            assertThat(listing).startsWith("403 ").contains("(Host: rebind.test:" + node.server().port() + ")")
                    .doesNotContain(id);
            assertThat(rebound.evaluate(drain).asInt()).isEqualTo(403);
            assertThat(node.server().gateway().isDraining()).isFalse();

            Page local = chromium.open("http://localhost:" + node.server().port() + "/_socketway/health");
            local.awaitTrue("document.readyState === 'complete' && document.body.innerText.includes('UP')", WAIT,
                    "the node's health page on localhost", "document.body.innerText");
            assertThat(local.evaluate(status).asText()).startsWith("200 ").contains(id);
        }
    }

    private static void awaitLive(Page page) {
        page.awaitTrue("!document.getElementById('app').hidden"
                + " && document.getElementById('status').dataset.state === 'live'", WAIT,
                "the console to load config.json and poll every endpoint", PAGE_STATE);
    }

    private static void filter(Page page, String text) throws JsonProcessingException {
        page.evaluate("{ const s = document.getElementById('conn-search'); s.value = " + js(text)
                + "; s.dispatchEvent(new Event('input')); } true");
    }

    private static void signIn(Page page, String id, String secret) throws JsonProcessingException {
        page.evaluate("document.getElementById('key-id').value = " + js(id)
                + "; document.getElementById('key-secret').value = " + js(secret)
                + "; document.getElementById('signin-form').requestSubmit(); true");
    }

    /**
     * Sends chat traffic spread over a few of the console's polls, and opens and closes one more connection, so that
     * the charts have a shape.
     */
    private static void chat(Node node, WsClient ann, WsClient bob, Page page) {
        ann.send("{\"action\":\"join\",\"name\":\"ann\"}");
        bob.send("{\"action\":\"join\",\"name\":\"bob\"}");
        WsClient eve = null;
        for (int round = 0; round < 7; round++) {
            int points = page.evaluate("Number(document.getElementById('chart-messages').dataset.points)").asInt();
            for (int i = 0; i <= (round % 3) * 3; i++) {
                ann.send("{\"action\":\"sendmessage\",\"text\":\"hello " + round + "." + i + "\"}");
                bob.send("{\"action\":\"who\"}");
            }
            if (round == 1) {
                eve = WsClient.connect("eve", node.ws(), WAIT, Map.of("User-Agent", "python-websockets/13.1"));
            } else if (round == 4) {
                eve.close();
            }
            page.awaitTrue("Number(document.getElementById('chart-messages').dataset.points) > " + points, WAIT,
                    "another chart point", PAGE_STATE);
        }
    }

    private static void screenshot(Page page) throws Exception {
        page.evaluate("document.getElementById('toast').hidden = true; true");
        Path target = Path.of("target/console.png");
        page.screenshot(target);
        String copy = System.getProperty("socketway.console.screenshot", "");
        if (!copy.isEmpty()) {
            Files.createDirectories(Path.of(copy).toAbsolutePath().getParent());
            Files.copy(target, Path.of(copy), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String row(String connectionId) throws JsonProcessingException {
        return "document.querySelector('#connections tr[data-connection-id=\"' + CSS.escape(" + js(connectionId)
                + ") + '\"]')";
    }

    private static String js(String value) throws JsonProcessingException {
        return JSON.writeValueAsString(value);
    }

    /** The chat example on a free loopback port with metrics and alarms, as {@code socketway run} serves it. */
    private record Node(GatewayServer server, SocketwayMetrics metrics, @Nullable SocketwayUsage usage)
            implements AutoCloseable {
        static Node start(SecuritySettings security) {
            return start(security, null);
        }

        /** Starts the node; with {@code usageFile}, it also meters usage into that file and serves the report. */
        static Node start(SecuritySettings security, @Nullable Path usageFile) {
            ApiDefinition api = TemplateLoader.load(CHAT, TemplateOptions.defaults());
            GatewaySettings settings = GatewaySettings.defaults().withPort(0).withSecurity(security)
                    .withMetrics(MetricsSettings.DEFAULT).withDrainTimeout(Duration.ofSeconds(5));
            if (!security.accessKeys().isEmpty()) {
                AccessKey key = security.accessKeys().get(0);
                settings = settings.withFunctionCredentials(
                        new GatewaySettings.FunctionCredentials(key.accessKeyId(), key.secretAccessKey(), ""));
            }
            SocketwayMetrics metrics = SocketwayMetrics.create(api, settings.metrics());
            Gateway.Builder builder = metrics.bind(Gateway.builder(api).settings(settings)
                    .functionRuntime(new JavaFunctionRuntime()));
            SocketwayUsage usage = usageFile == null ? null
                    : SocketwayUsage.create(api, UsageSettings.DEFAULT.withFile(usageFile));
            if (usage != null) {
                usage.bind(builder);
            }
            Gateway gateway = builder.build();
            if (usage != null) {
                usage.attach(gateway);
            }
            return new Node(GatewayServer.start(gateway), metrics, usage);
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.port() + path;
        }

        URI ws() {
            return URI.create(server.endpoint().webSocketBase() + "/dev");
        }

        /** Returns the id of the open connection whose client sent {@code userAgent}. */
        String connectionId(String userAgent) {
            return Awaitility.await().atMost(WAIT).until(() -> server.gateway().connections().stream()
                    .filter(c -> userAgent.equals(c.userAgent())).map(Connection::id).findFirst().orElse(null),
                    Objects::nonNull);
        }

        @Override
        public void close() {
            server.close();
            metrics.close();
            if (usage != null) {
                usage.close();
            }
        }
    }
}
