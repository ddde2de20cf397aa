package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.core.Limits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class LifecycleTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static TestRuntime lifecycleRuntime() {
        return new TestRuntime()
                .handler("connect", e -> Map.of("statusCode", 200))
                .handler("disconnect", e -> Map.of("statusCode", 200))
                .handler("echo", e -> Map.of("statusCode", 200, "body", e.get("body").asText()));
    }

    private static TestApi lifecycleApi() {
        return TestApi.create()
                .route("$connect", "connect", false)
                .route("$disconnect", "disconnect", false)
                .route("echo", "echo", true);
    }

    @Test
    void forwardingHeadersAreTheGatewaysOwnWhateverTheClientClaims() throws Exception {
        TestRuntime rt = lifecycleRuntime();
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), rt);
                TestWebSocket client = TestWebSocket.connect(gw.ws(), "X-Forwarded-For", "203.0.113.7",
                        "x-forwarded-proto", "https", "X-Forwarded-Port", "443")) {
            client.send("{\"action\":\"echo\"}");
            client.next(WAIT);
            JsonNode headers = rt.events("CONNECT").get(0).get("headers");
            assertThat(headers.get("X-Forwarded-For").asText()).as("the client's address appended, as AWS does")
                    .isEqualTo("203.0.113.7, 127.0.0.1");
            assertThat(headers.get("X-Forwarded-Proto").asText()).isEqualTo("http");
            assertThat(headers.get("X-Forwarded-Port").asText()).isEqualTo(Integer.toString(gw.server.port()));
            assertThat(headers.has("x-forwarded-proto")).as("no second, client-made copy").isFalse();
            assertThat(rt.events("CONNECT").get(0).at("/multiValueHeaders/X-Forwarded-Proto").toString())
                    .isEqualTo("[\"http\"]");
        }
    }

    @Test
    void connectEventCarriesHandshakeDataAndMessageEventsDoNot() throws Exception {
        TestRuntime rt = lifecycleRuntime();
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), rt);
                TestWebSocket client = TestWebSocket.connect(gw.ws() + "?token=abc&token=def&x=1", "X-Custom", "yes")) {
            client.send("{\"action\":\"echo\"}");
            client.next(WAIT);
            JsonNode connect = rt.events("CONNECT").get(0);
            JsonNode message = rt.events("MESSAGE").get(0);
            assertThat(connect.at("/requestContext/routeKey").asText()).isEqualTo("$connect");
            assertThat(connect.at("/headers/X-Custom").asText()).isEqualTo("yes");
            assertThat(connect.at("/headers/X-Forwarded-For").asText()).isEqualTo("127.0.0.1");
            assertThat(connect.has("headers") && !connect.at("/headers").has("Connection")).isTrue();
            assertThat(connect.get("headers").has("content-length")).as("the client sent none").isFalse();
            assertThat(connect.at("/queryStringParameters/token").asText()).isEqualTo("def");
            assertThat(connect.at("/multiValueQueryStringParameters/token").toString()).isEqualTo("[\"abc\",\"def\"]");
            assertThat(connect.at("/requestContext/domainName").asText()).isEqualTo("127.0.0.1:" + gw.server.port());
            assertThat(connect.at("/requestContext/stage").asText()).isEqualTo("dev");
            assertThat(connect.at("/stageVariables/env").asText()).isEqualTo("test");
            assertThat(connect.at("/requestContext/requestId").asText())
                    .isEqualTo(connect.at("/requestContext/extendedRequestId").asText());
            assertThat(message.has("headers")).isFalse();
            assertThat(message.has("queryStringParameters")).isFalse();
            assertThat(message.at("/requestContext/messageId").asText()).matches("[A-Za-z0-9_-]{15}=");
            assertThat(message.at("/requestContext/connectedAt").asLong())
                    .isEqualTo(connect.at("/requestContext/connectedAt").asLong());
            assertThat(message.at("/requestContext/connectionId").asText())
                    .isEqualTo(connect.at("/requestContext/connectionId").asText());
        }
    }

    @Test
    void connectStatusDecidesTheHandshake() {
        TestRuntime rt = new TestRuntime().handler("connect", e -> {
            String token = e.at("/queryStringParameters/token").asText("");
            return switch (token) {
                case "ok" -> Map.of("statusCode", 200);
                case "crash" -> throw new IllegalStateException("crash in $connect");
                case "garbage" -> "not a response";
                default -> Map.of("statusCode", 401, "body", "{\"message\":\"Unauthorized\"}");
            };
        });
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("$connect", "connect", false), rt)) {
            TestWebSocket.connect(gw.ws() + "?token=ok").close();
            assertThat(TestWebSocket.refusedStatus(gw.ws() + "?token=bad")).isEqualTo(401);
            assertThat(TestWebSocket.refusedStatus(gw.ws() + "?token=crash")).isEqualTo(502);
            assertThat(TestWebSocket.refusedStatus("ws://127.0.0.1:" + gw.server.port() + "/nostage")).isEqualTo(403);
        }
    }

    @Test
    void noConnectRouteAcceptsEveryone() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), lifecycleRuntime());
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"echo\"}");
            assertThat(client.next(WAIT)).isEqualTo("{\"action\":\"echo\"}");
        }
    }

    @Test
    void subprotocolComesOnlyFromTheConnectResponse() throws Exception {
        TestRuntime rt = new TestRuntime().handler("connect", e -> Map.of("statusCode", 200,
                "headers", Map.of("Sec-WebSocket-Protocol", "chat.v2")));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("$connect", "connect", false), rt)) {
            assertThat(TestWebSocket.chosenSubprotocol(gw.ws(), "chat.v1", "chat.v2")).isEqualTo("chat.v2");
            assertThat(rt.events("CONNECT").get(0).at("/headers/Sec-WebSocket-Protocol").asText())
                    .isEqualTo("chat.v1, chat.v2");
        }
    }

    @Test
    void disconnectRunsOnceWithTheClientsCloseCode() throws Exception {
        TestRuntime rt = lifecycleRuntime();
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), rt)) {
            TestWebSocket client = gw.connect();
            client.closeWith(4000, "bye");
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(4000);
            await().atMost(WAIT).until(() -> rt.events("DISCONNECT").size() == 1);
            JsonNode event = rt.events("DISCONNECT").get(0);
            assertThat(event.at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(4000);
            assertThat(event.at("/requestContext/disconnectReason").asText()).isEqualTo("bye");
            assertThat(event.at("/headers/x-api-key").asText()).isEmpty();
            assertThat(event.has("body")).isFalse();
        }
        assertThat(rt.events("DISCONNECT")).hasSize(1);
    }

    @Test
    void droppedSocketReports1006() throws Exception {
        TestRuntime rt = lifecycleRuntime();
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), rt);
                RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev")) {
            raw.drop();
            await().atMost(WAIT).until(() -> rt.events("DISCONNECT").size() == 1);
            assertThat(rt.events("DISCONNECT").get(0).at("/requestContext/disconnectStatusCode").asInt())
                    .isEqualTo(1006);
        }
    }

    @Test
    void idleConnectionsCloseWith1001AndPingsDoNotKeepThemAlive() throws Exception {
        TestRuntime rt = lifecycleRuntime();
        Limits limits = Limits.DEFAULT.withIdleTimeout(Duration.ofMillis(600));
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), rt, limits)) {
            TestWebSocket client = gw.connect();
            long start = System.nanoTime();
            client.ping();
            TestWebSocket.Close close = client.awaitClose(WAIT);
            assertThat(close.code()).isEqualTo(1001);
            assertThat(close.reason()).isEqualTo("Going away");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
            await().atMost(WAIT).until(() -> rt.events("DISCONNECT").size() == 1);
            assertThat(rt.events("DISCONNECT").get(0).at("/requestContext/disconnectStatusCode").asInt())
                    .isEqualTo(1001);
        }
    }

    @Test
    void manyConnectionsEachCloseWhenTheirOwnIdleTimeoutEnds() throws Exception {
        long idle = 700;
        int n = 10;
        Limits limits = Limits.DEFAULT.withIdleTimeout(Duration.ofMillis(idle));
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), lifecycleRuntime(), limits)) {
            List<TestWebSocket> clients = new ArrayList<>();
            long[] lastActive = new long[n];
            AtomicLongArray closedAt = new AtomicLongArray(n);
            List<TestWebSocket.Close> closes = new CopyOnWriteArrayList<>();
            for (int i = 0; i < n; i++) {
                lastActive[i] = System.nanoTime();
                TestWebSocket client = gw.connect();
                clients.add(client);
                int index = i;
                Thread.ofVirtual().start(() -> {
                    closes.add(client.awaitClose(Duration.ofSeconds(30)));
                    closedAt.set(index, System.nanoTime());
                });
            }
            // the odd clients stay active until every even one has timed out: their deadlines keep moving
            while (IntStream.range(0, n).filter(i -> i % 2 == 0).anyMatch(i -> closedAt.get(i) == 0)) {
                for (int i = 1; i < n; i += 2) {
                    lastActive[i] = System.nanoTime();
                    clients.get(i).send("{\"action\":\"echo\"}");
                    clients.get(i).next(WAIT);
                }
            }
            await().atMost(WAIT).until(() -> IntStream.range(0, n).allMatch(i -> closedAt.get(i) != 0));
            assertThat(closes).hasSize(n).allSatisfy(c -> {
                assertThat(c.code()).isEqualTo(1001);
                assertThat(c.reason()).isEqualTo("Going away");
            });
            long lastEven = IntStream.range(0, n).filter(i -> i % 2 == 0).mapToLong(closedAt::get).max().orElseThrow();
            for (int i = 0; i < n; i++) {
                long afterActivity = (closedAt.get(i) - lastActive[i]) / 1_000_000;
                assertThat(afterActivity).as("client %d closed %d ms after its last activity", i, afterActivity)
                        .isBetween(idle - 20, idle + 2_000);
                if (i % 2 == 1) {
                    assertThat(closedAt.get(i)).isGreaterThan(lastEven);
                }
            }
            clients.forEach(TestWebSocket::close);
        }
    }

    @Test
    void maximumDurationClosesWith1001EvenWhenBusy() throws Exception {
        Limits limits = Limits.DEFAULT.withMaxDuration(Duration.ofMillis(800));
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), lifecycleRuntime(), limits);
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"echo\"}");
            client.next(WAIT);
            assertThat(client.awaitClose(WAIT).code()).isEqualTo(1001);
        }
    }

    @Test
    void oversizedFramesAndMessagesCloseWith1009() throws Exception {
        Limits limits = Limits.DEFAULT.withSizes(4096, 1024);
        TestRuntime rt = lifecycleRuntime();
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), rt, limits)) {
            try (RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev")) {
                raw.frame(0x1, true, new byte[1025]);
                assertThat(raw.readCloseCode()).isEqualTo(1009);
            }
            try (RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev")) {
                for (int i = 0; i < 5; i++) {
                    raw.frame(i == 0 ? 0x1 : 0x0, i == 4, "a".repeat(1000).getBytes(StandardCharsets.UTF_8));
                }
                assertThat(raw.readCloseCode()).isEqualTo(1009);
            }
            try (TestWebSocket other = gw.connect()) {
                other.send("{\"action\":\"echo\"}");
                assertThat(other.next(WAIT)).isEqualTo("{\"action\":\"echo\"}");
            }
            await().atMost(WAIT).until(() -> rt.events("DISCONNECT").stream()
                    .filter(e -> e.at("/requestContext/disconnectStatusCode").asInt() == 1009).count() == 2);
        }
    }

    @Test
    void fragmentedMessagesWithinTheLimitArriveWhole() throws Exception {
        TestRuntime rt = lifecycleRuntime();
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), rt);
                RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev")) {
            raw.frame(0x1, false, "{\"action\":".getBytes(StandardCharsets.UTF_8));
            raw.frame(0x0, true, "\"echo\"}".getBytes(StandardCharsets.UTF_8));
            await().atMost(WAIT).until(() -> rt.events("MESSAGE").size() == 1);
            assertThat(rt.events("MESSAGE").get(0).get("body").asText()).isEqualTo("{\"action\":\"echo\"}");
        }
    }

    @Test
    void binaryFramesCloseWith1003AndInvalidUtf8With1007() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), lifecycleRuntime())) {
            try (RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev")) {
                raw.frame(0x2, true, new byte[] {1, 2, 3});
                assertThat(raw.readCloseCode()).isEqualTo(1003);
            }
            try (RawWebSocket raw = RawWebSocket.connect(gw.server.port(), "/dev")) {
                raw.frame(0x1, true, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
                assertThat(raw.readCloseCode()).isEqualTo(1007);
            }
        }
    }

    @Test
    void binaryMessagesReachDefaultBase64EncodedWhenSwitchedOn() throws Exception {
        TestRuntime rt = new TestRuntime().handler("def", e -> Map.of("body",
                e.get("isBase64Encoded").asBoolean() + ":" + e.get("body").asText()));
        Limits limits = Limits.DEFAULT.withBinaryMessages(true);
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("$default", "def", true), rt, limits);
                TestWebSocket client = gw.connect()) {
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.next(WAIT)).isEqualTo("true:AQID");
        }
    }

    @Test
    void plainGetOnTheStageAsksForAnUpgrade() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), lifecycleRuntime())) {
            var response = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.http())).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(426);
        }
    }

    @Test
    void tooLongUrlIsRefused() {
        try (GatewayFixture gw = new GatewayFixture(lifecycleApi(), lifecycleRuntime())) {
            assertThat(TestWebSocket.refusedStatus(gw.ws() + "?q=" + "x".repeat(5000))).isEqualTo(414);
        }
    }

    @Test
    void shutdownDrainsEveryClientWith1001AndRunsDisconnect() throws Exception {
        TestRuntime rt = lifecycleRuntime();
        GatewayFixture gw = new GatewayFixture(lifecycleApi(), rt);
        TestWebSocket a = gw.connect();
        TestWebSocket b = gw.connect();
        gw.close();
        assertThat(a.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(b.awaitClose(WAIT).code()).isEqualTo(1001);
        assertThat(rt.events("DISCONNECT")).hasSize(2)
                .allSatisfy(e -> assertThat(e.at("/requestContext/disconnectStatusCode").asInt()).isEqualTo(1001));
    }
}
