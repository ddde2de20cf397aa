package io.socketway.registry.redis;

import io.socketway.testing.RedisProcess;
import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.socketway.api.IntegrationDefinition;
import io.socketway.api.IntegrationType;
import io.socketway.api.RouteDefinition;
import io.socketway.netty.GatewayServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three gateway nodes (in-JVM servers with their own event loops and ports) share one real {@code redis-server}: any
 * node answers {@code @connections} calls for any connection, and a node that dies without a word loses its
 * connections from the registry.
 */
@Timeout(60)
class ThreeNodeGatewayTest {
    @RegisterExtension
    static final RedisServerExtension REDIS = new RedisServerExtension();

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private List<GatewayServer> servers;
    private List<RedisEngine> engines;

    private static com.sun.net.httpserver.HttpServer function;

    /**
     * Starts a function served over HTTP that broadcasts as a Lambda would: it lists the live connections through the
     * management API of the node that invoked it ({@code requestContext.domainName}) and pushes to each.
     */
    @org.junit.jupiter.api.BeforeAll
    static void startBroadcastFunction() throws java.io.IOException {
        function = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        function.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        function.createContext("/broadcast", exchange -> {
            String event = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String domain = event.replaceAll("(?s).*\"domainName\":\"([^\"]+)\".*", "$1");
            try {
                String listing = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + domain + "/dev/@connections"))
                        .build(), HttpResponse.BodyHandlers.ofString()).body();
                var ids = java.util.regex.Pattern.compile("\"connectionId\":\"([^\"]+)\"").matcher(listing);
                while (ids.find()) {
                    HTTP.send(HttpRequest.newBuilder(URI.create("http://" + domain + "/dev/@connections/" + ids.group(1)))
                            .POST(HttpRequest.BodyPublishers.ofString("broadcast from " + domain)).build(),
                            HttpResponse.BodyHandlers.ofString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] ok = "{\"statusCode\":200}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, ok.length);
            exchange.getResponseBody().write(ok);
            exchange.close();
        });
        function.start();
    }

    @org.junit.jupiter.api.AfterAll
    static void stopBroadcastFunction() {
        function.stop(0);
    }

    private GatewayNodes nodes;

    @BeforeEach
    void startThreeNodes() {
        IntegrationDefinition broadcast = new IntegrationDefinition("Broadcast", IntegrationType.AWS_PROXY,
                "http://127.0.0.1:" + function.getAddress().getPort() + "/broadcast", Optional.empty(), "POST",
                IntegrationDefinition.DEFAULT_TIMEOUT, Map.of(), Optional.empty(), Map.of(), Map.of());
        nodes = GatewayNodes.start(REDIS.uris(), GatewayNodes.whoamiApi(Map.of("broadcast",
                new RouteDefinition("B", "broadcast", Optional.of(broadcast), false))), Duration.ofSeconds(1),
                "a", "b", "c");
        servers = nodes.servers;
        engines = nodes.engines;
    }

    @AfterEach
    void stop() {
        nodes.close();
    }

    private String http(int node) {
        return nodes.management(node);
    }

    @Test
    void anyNodeServesManagementCallsForAnyConnection() throws Exception {
        TestWebSocket onA = TestWebSocket.connect("ws://127.0.0.1:" + servers.get(0).port() + "/dev");
        String id = whoami(onA);
        HttpResponse<String> push = HTTP.send(HttpRequest.newBuilder(URI.create(http(2) + id))
                .POST(HttpRequest.BodyPublishers.ofString("from node C")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(onA.next(WAIT)).isEqualTo("from node C");
        HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(http(1) + id)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(get.body()).contains("\"sourceIp\":\"127.0.0.1\"");
        for (int i = 0; i < 50; i++) {
            HTTP.send(HttpRequest.newBuilder(URI.create(http(2) + id))
                    .POST(HttpRequest.BodyPublishers.ofString("n" + i)).build(), HttpResponse.BodyHandlers.ofString());
        }
        for (int i = 0; i < 50; i++) {
            assertThat(onA.next(WAIT)).isEqualTo("n" + i);
        }
        HttpResponse<String> delete = HTTP.send(HttpRequest.newBuilder(URI.create(http(1) + id)).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(delete.statusCode()).isEqualTo(204);
        assertThat(onA.awaitClose(WAIT).code()).isEqualTo(1000);
        await().atMost(Duration.ofSeconds(5)).until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(http(2) + id))
                .POST(HttpRequest.BodyPublishers.ofString("late")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode() == 410);
    }

    @Test
    void aFunctionInvokedOnOneNodeBroadcastsToClientsOnAllThree() throws Exception {
        List<TestWebSocket> clients = new ArrayList<>();
        for (int node = 0; node < 3; node++) {
            TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + servers.get(node).port() + "/dev");
            whoami(client);
            clients.add(client);
        }
        clients.get(0).send("{\"action\":\"broadcast\"}");
        String expected = "broadcast from 127.0.0.1:" + servers.get(0).port();
        for (TestWebSocket client : clients) {
            assertThat(client.next(WAIT)).isEqualTo(expected);
        }
    }

    @Test
    void aNodeThatDiesWithoutAWordLosesItsConnections() throws Exception {
        TestWebSocket onC = TestWebSocket.connect("ws://127.0.0.1:" + servers.get(2).port() + "/dev");
        String id = whoami(onC);
        engines.get(2).close();
        await().atMost(Duration.ofSeconds(10)).until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(http(0) + id))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 410);
    }

    @Test
    void nodesReRegisterTheirConnectionsWhenRedisForgetsThem() throws Exception {
        TestWebSocket onB = TestWebSocket.connect("ws://127.0.0.1:" + servers.get(1).port() + "/dev");
        String id = whoami(onB);
        REDIS.servers().get(0).command("FLUSHALL");
        await().atMost(Duration.ofSeconds(10)).until(() -> HTTP.send(HttpRequest.newBuilder(URI.create(http(0) + id))
                .build(), HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        HttpResponse<String> push = HTTP.send(HttpRequest.newBuilder(URI.create(http(0) + id))
                .POST(HttpRequest.BodyPublishers.ofString("found again")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(push.statusCode()).isEqualTo(200);
        assertThat(onB.next(WAIT)).isEqualTo("found again");
    }

    @Test
    void aNodeThatLeavesGracefullyLeavesNothingBehind() throws Exception {
        TestWebSocket onC = TestWebSocket.connect("ws://127.0.0.1:" + servers.get(2).port() + "/dev");
        String id = whoami(onC);
        String nodeC = servers.get(2).gateway().settings().nodeId();
        servers.get(2).close();
        assertThat(onC.awaitClose(WAIT).code()).isEqualTo(1001);
        String nodeA = servers.get(0).gateway().settings().nodeId();
        assertThat(keys()).as("the other nodes are still there").anyMatch(k -> k.contains(nodeA));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(keys()).noneMatch(k -> k.contains(nodeC) || k.contains(id)));
        assertThat(HTTP.send(HttpRequest.newBuilder(URI.create(http(0) + id)).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(410);
    }

    private static List<String> keys() {
        return ((List<?>) REDIS.servers().get(0).command("KEYS", "*")).stream().map(RedisProcess::text).toList();
    }

    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String whoami(TestWebSocket client) throws InterruptedException {
        client.send("{\"action\":\"whoami\"}");
        return client.next(WAIT);
    }
}
