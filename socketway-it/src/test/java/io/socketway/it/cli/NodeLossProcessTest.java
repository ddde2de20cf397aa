package io.socketway.it.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.socketway.testing.RedisProcess;
import io.socketway.testing.TestWebSocket;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code socketway run --cluster} processes share a real {@code redis-server}; one of them is killed with
 * SIGKILL. The survivors notice within the configured time, remove its connections, and fire each one's
 * {@code $disconnect} exactly once (1006, "Node lost: a"), on a function served over HTTP by this test; pushes to the
 * lost connections answer 410 and the other nodes' clients notice nothing.
 */
@Timeout(120)
class NodeLossProcessTest {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT = Duration.ofMillis(250);
    private static final Duration NODE_TTL = Duration.ofSeconds(1);
    private static final Pattern CONNECTION_ID = Pattern.compile("\"connectionId\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private RedisProcess redis;
    private HttpServer function;
    private final List<JsonNode> disconnects = new CopyOnWriteArrayList<>();
    private final List<SocketwayProcess> nodes = new ArrayList<>();
    private final List<TestWebSocket> clients = new ArrayList<>();

    /** Starts Redis and a {@code $disconnect} function over HTTP that records every event it gets. */
    @BeforeEach
    void startRedisAndFunction() throws Exception {
        redis = RedisProcess.start(Files.createDirectory(dir.resolve("redis")), port -> List.of());
        function = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        function.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        function.createContext("/disconnect", exchange -> {
            disconnects.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            byte[] reply = "{\"statusCode\":200}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, reply.length);
            exchange.getResponseBody().write(reply);
            exchange.close();
        });
        function.start();
    }

    @AfterEach
    void stopEverything() {
        clients.forEach(TestWebSocket::close);
        nodes.forEach(SocketwayProcess::close);
        if (function != null) {
            function.stop(0);
        }
        if (redis != null) {
            redis.kill();
        }
    }

    @Test
    void survivorsFireDisconnectOnceForEachConnectionOfAKilledNode() throws Exception {
        Path template = writeTemplate();
        String key = "k1:" + Base64.getEncoder().encodeToString(new SecureRandom().generateSeed(32));
        for (String node : List.of("a", "b", "c")) {
            nodes.add(SocketwayProcess.start("run", template.toString(), "--port", "0",
                    "--parameter-overrides", "HookUrl=http://127.0.0.1:" + function.getAddress().getPort()
                            + "/disconnect",
                    "--cluster", "redis://127.0.0.1:" + redis.port(), "--cluster-key", key, "--node-id", node,
                    "--node-heartbeat", HEARTBEAT.toMillis() + "ms", "--node-ttl", NODE_TTL.toMillis() + "ms"));
        }
        List<String> ws = new ArrayList<>();
        for (SocketwayProcess node : nodes) {
            ws.add(SocketwayProcess.webSocketUrl(node.awaitBanner(START)));
        }
        for (int i = 0; i < 3; i++) {
            clients.add(TestWebSocket.connect(ws.get(0)));
        }
        Set<String> onA = listing(ws.get(1), 3);
        TestWebSocket onB = TestWebSocket.connect(ws.get(1));
        clients.add(onB);
        Set<String> withB = listing(ws.get(2), 4);
        withB.removeAll(onA);
        String idOnB = withB.iterator().next();
        clients.add(TestWebSocket.connect(ws.get(2)));
        Set<String> all = listing(ws.get(2), 5);
        assertThat(all).containsAll(onA);

        long killedAt = System.nanoTime();
        nodes.get(0).kill();
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(20))
                .until(() -> disconnectedIds().containsAll(onA));
        Duration noticed = Duration.ofNanos(System.nanoTime() - killedAt);

        await().atMost(WAIT).until(() -> listing(ws.get(1)).size() == 2);
        assertThat(listing(ws.get(2))).as("every survivor lists only live connections").hasSize(2)
                .doesNotContainAnyElementsOf(onA);
        assertThat(disconnects).as("one $disconnect per lost connection, none for the others").hasSize(3);
        for (JsonNode event : disconnects) {
            JsonNode context = event.path("requestContext");
            assertThat(context.path("eventType").asText()).isEqualTo("DISCONNECT");
            assertThat(context.path("disconnectStatusCode").asInt()).isEqualTo(1006);
            assertThat(context.path("disconnectReason").asText()).isEqualTo("Node lost: a");
        }
        for (String lost : onA) {
            assertThat(push(ws.get(1), lost, "anyone there?")).as("a lost connection is gone").isEqualTo(410);
        }
        assertThat(push(ws.get(2), idOnB, "still here")).isEqualTo(200);
        assertThat(onB.next(WAIT)).isEqualTo("still here");
        assertThat(noticed).as("noticed within the node TTL plus two heartbeats, and some slack for a busy machine")
                .isLessThan(NODE_TTL.plus(HEARTBEAT.multipliedBy(2)).plusSeconds(5));
        System.out.printf("node loss noticed and $disconnect fired for 3 connections %d ms after SIGKILL%n",
                noticed.toMillis());
    }

    private Set<String> disconnectedIds() {
        Set<String> ids = new HashSet<>();
        disconnects.forEach(e -> ids.add(e.path("requestContext").path("connectionId").asText()));
        return ids;
    }

    /**
     * Returns the listing once it has {@code size} connections: a node registers a connection in Redis just after
     * writing its 101, so a listing right after a connect may not show it yet.
     */
    private static Set<String> listing(String webSocketUrl, int size) {
        return await().atMost(WAIT).until(() -> listing(webSocketUrl), ids -> ids.size() == size);
    }

    private static Set<String> listing(String webSocketUrl) throws Exception {
        String body = HTTP.send(HttpRequest.newBuilder(URI.create(management(webSocketUrl))).timeout(WAIT).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Set<String> ids = new HashSet<>();
        for (Matcher m = CONNECTION_ID.matcher(body); m.find(); ) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static int push(String webSocketUrl, String id, String text) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(management(webSocketUrl) + "/" + id)).timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(text)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private static String management(String webSocketUrl) {
        return webSocketUrl.replace("ws://", "http://") + "/@connections";
    }

    private Path writeTemplate() throws Exception {
        return Files.writeString(dir.resolve("template.yaml"), """
                Parameters:
                  HookUrl:
                    Type: String
                Resources:
                  Api:
                    Type: AWS::ApiGatewayV2::Api
                    Properties:
                      Name: node-loss
                      ProtocolType: WEBSOCKET
                      RouteSelectionExpression: $request.body.action
                  DisconnectFunction:
                    Type: AWS::ApiGatewayV2::Integration
                    Properties:
                      ApiId: !Ref Api
                      IntegrationType: AWS_PROXY
                      IntegrationUri: !Ref HookUrl
                  DisconnectRoute:
                    Type: AWS::ApiGatewayV2::Route
                    Properties:
                      ApiId: !Ref Api
                      RouteKey: $disconnect
                      Target: !Sub integrations/${DisconnectFunction}
                  Stage:
                    Type: AWS::ApiGatewayV2::Stage
                    Properties:
                      ApiId: !Ref Api
                      StageName: dev
                """);
    }
}
