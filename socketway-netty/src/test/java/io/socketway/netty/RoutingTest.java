package io.socketway.netty;

import io.socketway.testing.TestWebSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class RoutingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static Map<String, Object> reply(String body) {
        return Map.of("statusCode", 200, "body", body);
    }

    @Test
    void twoWayRouteSendsTheBodyBackAndOneWayRouteSendsNothing() throws Exception {
        TestRuntime rt = new TestRuntime()
                .handler("echo", e -> reply("echo:" + e.get("body").asText()))
                .handler("silent", e -> reply("never sent"));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .route("echo", "echo", true).route("silent", "silent", false), rt);
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"silent\"}");
            client.send("{\"action\":\"echo\",\"n\":1}");
            assertThat(client.next(WAIT)).isEqualTo("echo:{\"action\":\"echo\",\"n\":1}");
            assertThat(rt.events("MESSAGE")).hasSize(2);
        }
    }

    /**
     * AWS ignores {@code statusCode} when it delivers a route's reply. A Java handler that returns an
     * {@code APIGatewayV2WebSocketResponse} with only a body serializes {@code "statusCode": 0}; the reply still
     * arrives, and a one-way route with the same answer sends no error frame.
     */
    @Test
    void aReplyArrivesWhateverItsStatusCode() throws Exception {
        TestRuntime rt = new TestRuntime()
                .handler("unset", e -> Map.of("statusCode", 0, "body", "status never set"))
                .handler("failed", e -> Map.of("statusCode", 500, "body", "sent anyway"))
                .handler("quiet", e -> Map.of("statusCode", 0));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("unset", "unset", true)
                        .route("failed", "failed", true).route("quiet", "quiet", false), rt);
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"quiet\"}");
            client.send("{\"action\":\"unset\"}");
            assertThat(client.next(WAIT)).as("no error frame for the one-way route first").isEqualTo("status never set");
            client.send("{\"action\":\"failed\"}");
            assertThat(client.next(WAIT)).isEqualTo("sent anyway");
        }
    }

    @Test
    void unmatchedMessageWithoutDefaultGetsForbiddenAndTheConnectionStaysOpen() throws Exception {
        TestRuntime rt = new TestRuntime().handler("echo", e -> reply("ok"));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("echo", "echo", true), rt);
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"nope\"}");
            JsonNode frame = TestRuntime.JSON.readTree(client.next(WAIT));
            assertThat(frame.get("message").asText()).isEqualTo("Forbidden");
            assertThat(frame.get("connectionId").asText()).matches("[A-Za-z0-9_-]{15}=");
            assertThat(frame.get("requestId").asText()).matches("[A-Za-z0-9_-]{15}=");
            client.send("not json at all");
            assertThat(TestRuntime.JSON.readTree(client.next(WAIT)).get("message").asText()).isEqualTo("Forbidden");
            client.send("{\"action\":\"echo\"}");
            assertThat(client.next(WAIT)).isEqualTo("ok");
        }
    }

    @Test
    void nonJsonAndUnknownKeysAndLifecycleKeysGoToDefault() throws Exception {
        TestRuntime rt = new TestRuntime().handler("def", e -> reply(e.at("/requestContext/routeKey").asText()));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("$default", "def", true), rt);
                TestWebSocket client = gw.connect()) {
            for (String message : List.of("plain text", "{\"action\":\"x\"}", "{\"action\":\"$connect\"}", "123")) {
                client.send(message);
                assertThat(client.next(WAIT)).isEqualTo("$default");
            }
        }
    }

    @Test
    void failingFunctionSendsInternalServerErrorWithoutHurtingOtherConnections() throws Exception {
        TestRuntime rt = new TestRuntime()
                .handler("boom", e -> { throw new IllegalStateException("kaput"); })
                .handler("echo", e -> reply("fine"));
        try (GatewayFixture gw = new GatewayFixture(
                        TestApi.create().route("boom", "boom", false).route("echo", "echo", true), rt);
                TestWebSocket a = gw.connect();
                TestWebSocket b = gw.connect()) {
            a.send("{\"action\":\"boom\"}");
            JsonNode frame = TestRuntime.JSON.readTree(a.next(WAIT));
            assertThat(frame.get("message").asText()).isEqualTo("Internal server error");
            b.send("{\"action\":\"echo\"}");
            assertThat(b.next(WAIT)).isEqualTo("fine");
            a.send("{\"action\":\"echo\"}");
            assertThat(a.next(WAIT)).isEqualTo("fine");
        }
    }

    @Test
    void functionTimeoutSendsInternalServerError() throws Exception {
        TestRuntime rt = new TestRuntime().handler("slow", e -> {
            new java.util.concurrent.CountDownLatch(1).await();
            return reply("late");
        });
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .route("slow", "slow", true, Duration.ofMillis(300), OptionalInt.empty()), rt);
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"slow\"}");
            assertThat(client.next(WAIT)).contains("Internal server error");
        }
    }

    @Test
    void reservedConcurrencyZeroThrottlesEveryCall() throws Exception {
        TestRuntime rt = new TestRuntime().handler("capped", e -> reply("ran"));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .route("capped", "capped", true, Duration.ofSeconds(3), OptionalInt.of(0)), rt);
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"capped\"}");
            assertThat(client.next(WAIT)).contains("Internal server error");
            assertThat(rt.events()).isEmpty();
        }
    }

    @Test
    void messagesFromOneConnectionReachTheFunctionInArrivalOrder() throws Exception {
        List<Integer> seen = new CopyOnWriteArrayList<>();
        TestRuntime rt = new TestRuntime().handler("seq", e -> {
            int n = TestRuntime.JSON.readTree(e.get("body").asText()).get("n").asInt();
            if (n % 7 == 0) {
                Thread.onSpinWait();
            }
            seen.add(n);
            return reply("");
        });
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().route("seq", "seq", false), rt);
                TestWebSocket client = gw.connect()) {
            for (int i = 0; i < 200; i++) {
                client.send("{\"action\":\"seq\",\"n\":" + i + "}");
            }
            await().atMost(WAIT).until(() -> seen.size() == 200);
            assertThat(seen).isSorted();
        }
    }

    @Test
    void mockRouteAnswersFromItsTemplates() throws Exception {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .mockRoute("$connect", "{\"statusCode\": 200}", "", false)
                        .mockRoute("ping", "{\"statusCode\": 200}", "{\"pong\":\"$context.connectionId\"}", true),
                        new TestRuntime());
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"ping\"}");
            assertThat(client.next(WAIT)).matches("\\{\"pong\":\"[A-Za-z0-9_-]{15}=\"}");
        }
    }

    @Test
    void mockTemplatesReadEveryContextVariableOfTheEvent() throws Exception {
        String template = "{\"messageId\":\"$context.messageId\",\"apiId\":\"$context.apiId\","
                + "\"epoch\":\"$context.requestTimeEpoch\",\"ip\":\"$context.identity.sourceIp\","
                + "\"direction\":\"$context.messageDirection\",\"unknown\":\"$context.nothing.here\"}";
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                        .mockRoute("ping", "{\"statusCode\": 200}", template, true), new TestRuntime());
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"ping\"}");
            JsonNode reply = TestRuntime.JSON.readTree(client.next(WAIT));
            assertThat(reply.get("messageId").asText()).matches("[A-Za-z0-9_-]{15}=");
            assertThat(reply.get("apiId").asText()).isNotEmpty();
            assertThat(reply.get("epoch").asLong()).isCloseTo(System.currentTimeMillis(), within(60_000L));
            assertThat(reply.get("ip").asText()).isEqualTo("127.0.0.1");
            assertThat(reply.get("direction").asText()).isEqualTo("IN");
            assertThat(reply.get("unknown").asText()).isEmpty();
        }
    }

    @Test
    void aRouteOfAnIntegrationTypeThatDoesNotRunAnswersInternalServerError() throws Exception {
        TestRuntime rt = new TestRuntime().handler("echo", e -> reply("still here"));
        try (GatewayFixture gw = new GatewayFixture(TestApi.create().unsupportedRoute("enqueue")
                        .route("echo", "echo", true), rt);
                TestWebSocket client = gw.connect()) {
            client.send("{\"action\":\"enqueue\"}");
            assertThat(TestRuntime.JSON.readTree(client.next(WAIT)).get("message").asText())
                    .isEqualTo("Internal server error");
            client.send("{\"action\":\"echo\"}");
            assertThat(client.next(WAIT)).isEqualTo("still here");
        }
    }

    @Test
    void mockConnectWithAnotherStatusRefusesTheHandshake() {
        try (GatewayFixture gw = new GatewayFixture(TestApi.create()
                .mockRoute("$connect", "{\"statusCode\": 403}", "", false), new TestRuntime())) {
            assertThat(TestWebSocket.refusedStatus(gw.ws())).isEqualTo(403);
        }
    }
}
