package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.socketway.api.IntegrationType;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Functions reached over HTTP: the Lambda event by POST (AWS_PROXY with an http URI) and HTTP_PROXY. */
@Timeout(60)
class HttpIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> connectionHeaders = new CopyOnWriteArrayList<>();
    private final CountDownLatch never = new CountDownLatch(1);
    private HttpServer backend;

    @BeforeEach
    void startBackend() throws IOException {
        backend = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        backend.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        backend.createContext("/lambda", this::lambda);
        backend.createContext("/proxy", this::proxy);
        backend.createContext("/slow", exchange -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        backend.createContext("/connect", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Sec-WebSocket-Protocol", "chat.v2");
            respond(exchange, 200, "");
        });
        backend.createContext("/fail", exchange -> respond(exchange, 500, "{\"errorMessage\":\"boom\"}"));
        backend.start();
    }

    @AfterEach
    void stopBackend() {
        never.countDown();
        backend.stop(0);
    }

    private void lambda(HttpExchange exchange) throws IOException {
        String event = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(event);
        JsonNode json = TestRuntime.JSON.readTree(event);
        String reply = "{\"statusCode\":200,\"body\":" + TestRuntime.JSON.writeValueAsString(
                "lambda-over-http:" + json.at("/requestContext/routeKey").asText()) + "}";
        respond(exchange, 200, reply);
    }

    private void proxy(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        bodies.add(body);
        connectionHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("connectionId")));
        respond(exchange, 200, "proxied:" + body);
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private String url(String path) {
        return "http://127.0.0.1:" + backend.getAddress().getPort() + path;
    }

    @Test
    void awsProxyOverHttpPostsTheLambdaEventAndReadsTheLambdaResponse() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .httpRoute("$default", IntegrationType.AWS_PROXY, url("/lambda"), true, Duration.ofSeconds(5)),
                        new TestRuntime());
                TestWebSocket client = gw.connect()) {
            client.send("hello");
            assertThat(client.next(WAIT)).isEqualTo("lambda-over-http:$default");
            JsonNode event = TestRuntime.JSON.readTree(bodies.get(0));
            assertThat(event.get("body").asText()).isEqualTo("hello");
            assertThat(event.at("/requestContext/eventType").asText()).isEqualTo("MESSAGE");
        }
    }

    @Test
    void anHttpProxyConnectRouteChoosesTheSubprotocolWithItsResponseHeader() {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .httpRoute("$connect", IntegrationType.HTTP_PROXY, url("/connect"), false, Duration.ofSeconds(5)),
                        new TestRuntime())) {
            assertThat(TestWebSocket.chosenSubprotocol(gw.ws(), "chat.v1", "chat.v2")).isEqualTo("chat.v2");
        }
    }

    @Test
    void httpProxyForwardsTheRawMessageWithMappedHeaders() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .httpRoute("$default", IntegrationType.HTTP_PROXY, url("/proxy"), true, Duration.ofSeconds(5)),
                        new TestRuntime());
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"x\"}");
            assertThat(client.next(WAIT)).isEqualTo("proxied:{\"action\":\"x\"}");
            assertThat(connectionHeaders.get(0)).matches("[A-Za-z0-9_-]{15}=");
        }
    }

    @Test
    void slowDeadAndFailingBackendsGiveErrorFramesWithoutStallingOthers() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .httpRoute("slow", IntegrationType.AWS_PROXY, url("/slow"), true, Duration.ofMillis(300))
                        .httpRoute("dead", IntegrationType.AWS_PROXY, "http://127.0.0.1:1/none", true, WAIT)
                        .httpRoute("fail", IntegrationType.AWS_PROXY, url("/fail"), true, WAIT)
                        .httpRoute("$default", IntegrationType.AWS_PROXY, url("/lambda"), true, WAIT),
                        new TestRuntime());
                TestWebSocket stuck = gw.connect();
                TestWebSocket other = gw.connect()) {
            stuck.send("{\"action\":\"slow\"}");
            other.send("{\"action\":\"anything\"}");
            assertThat(other.next(WAIT)).isEqualTo("lambda-over-http:$default");
            assertThat(stuck.next(WAIT)).contains("Internal server error");
            other.send("{\"action\":\"dead\"}");
            assertThat(other.next(WAIT)).contains("Internal server error");
            other.send("{\"action\":\"fail\"}");
            assertThat(other.next(WAIT)).contains("Internal server error");
        }
    }
}
