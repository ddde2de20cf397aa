package io.socketway.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.socketway.core.Gateway;
import io.socketway.core.GatewaySettings;
import io.socketway.core.RateLimits;
import io.socketway.testing.TestWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;

/**
 * A stage with {@code AccessLogSettings} gets one line per connect, message and disconnect in its format, with AWS's
 * {@code $context} values: the request id the function saw, the connection id, the status the client got.
 */
@Timeout(60)
class AccessLogTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String JSON_FORMAT = "{\"requestId\":\"$context.requestId\","
            + "\"ip\":\"$context.identity.sourceIp\",\"eventType\":\"$context.eventType\","
            + "\"routeKey\":\"$context.routeKey\",\"status\":\"$context.status\","
            + "\"connectionId\":\"$context.connectionId\",\"integrationLatency\":\"$context.integrationLatency\","
            + "\"error\":\"$context.error.message\",\"responseType\":\"$context.error.responseType\","
            + "\"integrationError\":\"$context.integration.error\",\"messageId\":\"$context.messageId\","
            + "\"userAgent\":\"$context.identity.userAgent\",\"extendedRequestId\":\"$context.extendedRequestId\"}";

    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> functionMdc = new CopyOnWriteArrayList<>();

    private TestRuntime runtime() {
        return new TestRuntime()
                .handler("connect", e -> e.at("/headers/x-reject").isMissingNode()
                        ? Map.of("statusCode", 200) : Map.of("statusCode", 403))
                .handler("echo", e -> {
                    functionMdc.add(String.valueOf(MDC.get("requestId")));
                    return Map.of("statusCode", 200, "body", "echo");
                })
                .handler("boom", e -> {
                    throw new IllegalStateException("kaput");
                })
                .handler("disconnect", e -> Map.of("statusCode", 200));
    }

    private GatewayServer start(TestApi api, TestRuntime rt, RateLimits limits) {
        GatewaySettings settings = GatewaySettings.defaults().withPort(0).withRateLimits(limits)
                .withDrainTimeout(Duration.ofSeconds(5));
        return GatewayServer.start(Gateway.builder(api.build()).settings(settings).functionRuntime(rt)
                .accessLogSink((stage, line) -> lines.add(line)).build());
    }

    private static TestApi api(String format) {
        return TestApi.create().accessLog(format)
                .route("$connect", "connect", false)
                .route("echo", "echo", true)
                .route("boom", "boom", false)
                .route("$disconnect", "disconnect", false);
    }

    private List<JsonNode> jsonLines(int count) {
        await().atMost(WAIT).until(() -> lines.size() >= count);
        return lines.stream().map(AccessLogTest::json).toList();
    }

    private static JsonNode json(String line) {
        try {
            return TestRuntime.JSON.readTree(line);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    @Test
    void logsConnectMessagesAndDisconnectWithTheIdsTheFunctionSaw() throws Exception {
        TestRuntime rt = runtime();
        String forbidden;
        try (GatewayServer server = start(api(JSON_FORMAT), rt, RateLimits.OFF)) {
            try (TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev",
                    "User-Agent", "access-log-test")) {
                client.send("{\"action\":\"echo\"}");
                assertThat(client.next(WAIT)).isEqualTo("echo");
                client.send("{\"action\":\"nowhere\"}");
                forbidden = client.next(WAIT);
                client.send("{\"action\":\"boom\"}");
                assertThat(client.next(WAIT)).contains("Internal server error");
            }
            List<JsonNode> log = jsonLines(5);
            assertThat(log).extracting(l -> l.get("eventType").asText())
                    .containsExactly("CONNECT", "MESSAGE", "MESSAGE", "MESSAGE", "DISCONNECT");
            String connectionId = rt.events("CONNECT").get(0).at("/requestContext/connectionId").asText();
            assertThat(log).allSatisfy(l -> {
                assertThat(l.get("connectionId").asText()).isEqualTo(connectionId);
                assertThat(l.get("ip").asText()).isEqualTo("127.0.0.1");
                assertThat(l.get("extendedRequestId").asText()).isEqualTo(l.get("requestId").asText());
            });

            JsonNode connect = log.get(0);
            assertThat(connect.get("requestId").asText())
                    .isEqualTo(rt.events("CONNECT").get(0).at("/requestContext/requestId").asText());
            assertThat(connect.get("routeKey").asText()).isEqualTo("$connect");
            assertThat(connect.get("status").asText()).isEqualTo("200");
            assertThat(connect.get("userAgent").asText()).isEqualTo("access-log-test");
            assertThat(connect.get("integrationLatency").asText()).matches("\\d+");
            assertThat(connect.get("messageId").asText()).isEqualTo("-");

            JsonNode echo = log.get(1);
            JsonNode echoEvent = rt.events("MESSAGE").get(0);
            assertThat(echo.get("requestId").asText()).isEqualTo(echoEvent.at("/requestContext/requestId").asText());
            assertThat(echo.get("messageId").asText()).isEqualTo(echoEvent.at("/requestContext/messageId").asText());
            assertThat(echo.get("routeKey").asText()).isEqualTo("echo");
            assertThat(echo.get("status").asText()).isEqualTo("200");
            assertThat(echo.get("error").asText()).isEqualTo("-");
            assertThat(functionMdc).as("MDC requestId on the function's thread")
                    .containsExactly(echo.get("requestId").asText());

            JsonNode unknown = log.get(2);
            assertThat(unknown.get("status").asText()).isEqualTo("403");
            assertThat(unknown.get("routeKey").asText()).isEqualTo("-");
            assertThat(unknown.get("error").asText()).isEqualTo("Forbidden");
            assertThat(unknown.get("integrationLatency").asText()).isEqualTo("-");
            assertThat(json(forbidden).get("requestId").asText()).isEqualTo(unknown.get("requestId").asText());

            JsonNode boom = log.get(3);
            assertThat(boom.get("status").asText()).isEqualTo("500");
            assertThat(boom.get("error").asText()).isEqualTo("Internal server error");
            assertThat(boom.get("responseType").asText()).isEqualTo("INTEGRATION_FAILURE");
            assertThat(boom.get("integrationError").asText()).contains("kaput");

            JsonNode disconnect = log.get(4);
            assertThat(disconnect.get("requestId").asText())
                    .isEqualTo(rt.events("DISCONNECT").get(0).at("/requestContext/requestId").asText());
            assertThat(disconnect.get("routeKey").asText()).isEqualTo("$disconnect");
            assertThat(disconnect.get("status").asText()).isEqualTo("200");
        }
    }

    @Test
    void logsAThrottledMessageWith429AndTheRequestIdOfItsErrorFrame() throws Exception {
        try (GatewayServer server = start(api(JSON_FORMAT), runtime(), new RateLimits(0, 0, 0, 1, 0));
                TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev")) {
            for (int i = 0; i < 3; i++) {
                client.send("{\"action\":\"echo\"}");
            }
            List<String> replies = List.of(client.next(WAIT), client.next(WAIT), client.next(WAIT));
            String tooMany = replies.stream().filter(r -> r.contains("Too Many Requests")).findFirst().orElseThrow();
            List<JsonNode> log = jsonLines(4);
            JsonNode throttled = log.stream().filter(l -> l.get("status").asText().equals("429")).findFirst()
                    .orElseThrow();
            assertThat(throttled.get("requestId").asText()).isEqualTo(json(tooMany).get("requestId").asText());
            assertThat(throttled.get("eventType").asText()).isEqualTo("MESSAGE");
            assertThat(throttled.get("error").asText()).isEqualTo("Too Many Requests");
            assertThat(throttled.get("responseType").asText()).isEqualTo("THROTTLED");
            assertThat(log).filteredOn(l -> l.get("status").asText().equals("200")).hasSize(3);
        }
    }

    @Test
    void writesCommonLogFormatLinesAndDashForWhatDoesNotApply() throws Exception {
        String clf = "$context.identity.sourceIp - - [$context.requestTime] \"$context.eventType $context.routeKey"
                + " $context.connectionId\" $context.status $context.requestId $context.nope";
        try (GatewayServer server = start(api(clf), runtime(), RateLimits.OFF)) {
            TestWebSocket client = TestWebSocket.connect("ws://127.0.0.1:" + server.port() + "/dev");
            client.send("{\"action\":\"echo\"}");
            client.next(WAIT);
            client.close();
            await().atMost(WAIT).until(() -> lines.size() >= 3);
        }
        String time = "\\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2} \\+0000]";
        String id = "[A-Za-z0-9_-]{15}=";
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0)).matches("127\\.0\\.0\\.1 - - " + time + " \"CONNECT \\$connect " + id + "\" 200 "
                + id + " -");
        assertThat(lines.get(1)).matches("127\\.0\\.0\\.1 - - " + time + " \"MESSAGE echo " + id + "\" 200 " + id
                + " -");
        assertThat(lines.get(2)).matches("127\\.0\\.0\\.1 - - " + time + " \"DISCONNECT \\$disconnect " + id
                + "\" 200 " + id + " -");
    }

    @Test
    void logsRejectedConnectsWithTheirStatusAndOnlyStagesWithSettings() throws Exception {
        String custom = "$context.requestId|$context.eventType|$context.status|$context.integration.status"
                + "|$context.integration.integrationStatus|$context.stage|$context.apiId|$context.requestTimeEpoch";
        TestRuntime rt = runtime();
        try (GatewayServer server = start(api(custom).stage("plain"), rt, RateLimits.OFF)) {
            String base = "ws://127.0.0.1:" + server.port();
            assertThat(TestWebSocket.refusedStatus(base + "/dev", "x-reject", "yes")).isEqualTo(403);
            TestWebSocket.connect(base + "/plain").close();
            await().atMost(WAIT).until(() -> rt.events("DISCONNECT").size() == 1);
        }
        assertThat(lines).as("one line, for the refused connect of dev; none for stage plain").singleElement()
                .satisfies(line -> assertThat(line)
                        .matches("[A-Za-z0-9_-]{15}=\\|CONNECT\\|403\\|200\\|403\\|dev\\|abcde12345\\|\\d{13}"));
    }
}
